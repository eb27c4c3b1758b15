// Answers ready during one turn of the event loop are sent together, at the end of the turn.
//
// A busy server's connections usually end in one process on the same machine or LAN that reads many of
// them: a reverse proxy (nginx in front of the app), or a load generator. Each response written is a
// system call that also wakes that reader when it sleeps between responses (it reads one answer and
// waits for the next), and the wake-up is most of the call's cost (an inter-processor interrupt; on a
// virtual machine, an exit to the hypervisor). Sending the turn's answers back to back once the poll
// phase has handled every ready socket (setImmediate) makes the first write wake the reader and the
// others find it awake.
//
// The send itself is deferred, not the socket's bytes: corking the socket does not hold an HTTP
// response, because Node's `ServerResponse.end()` uncorks its socket fully (decision 020, session 7).
//
// The wait it adds is the rest of the current turn: microseconds on a quiet server, and under load the
// time to handle the other requests that were ready at once. Nothing is held across turns.

/** What this needs of a Fastify reply. */
export interface Sendable {
  send(payload: unknown): unknown;
}

// Two parallel arrays rather than an object per answer: nothing is allocated per request.
let replies: Sendable[] = [];
let bodies: unknown[] = [];
let scheduled = false;

function release(): void {
  scheduled = false;
  const rs = replies;
  const bs = bodies;
  replies = [];
  bodies = [];
  for (let i = 0; i < rs.length; i++) {
    // One answer that cannot be sent must not keep the turn's others back: its error goes to its own
    // reply (Fastify's error handler answers 500 and logs it).
    try {
      rs[i]!.send(bs[i]);
    } catch (err) {
      try {
        rs[i]!.send(err instanceof Error ? err : new Error(String(err)));
      } catch {
        // Nothing more can be sent on this reply (its connection is gone).
      }
    }
  }
}

/**
 * Send `body` on `reply` at the end of this turn of the event loop, after every request ready in this
 * turn has been handled. The handler must not return a promise that resolves before then (Fastify
 * would send its value): call this from a handler that returns nothing.
 */
export function sendAtTurnEnd(reply: Sendable, body: unknown): void {
  replies.push(reply);
  bodies.push(body);
  if (!scheduled) {
    scheduled = true;
    setImmediate(release);
  }
}
