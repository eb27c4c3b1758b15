// The enforcement loop's clock. Deadlines and "overdue" are judged against it; tests set it instead of
// sleeping (`caseClock.now = () => new Date('…')`). Production never changes it.

export const caseClock: { now: () => Date } = { now: () => new Date() };
