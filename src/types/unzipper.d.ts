// The part of unzipper (random-access zip reading) that the XLSX reader uses.
declare module 'unzipper' {
  interface CentralDirectoryFile {
    path: string;
    uncompressedSize: number;
    stream(): NodeJS.ReadableStream;
    buffer(): Promise<Buffer>;
  }
  const unzipper: { Open: { file(path: string): Promise<{ files: CentralDirectoryFile[] }> } };
  export default unzipper;
}
