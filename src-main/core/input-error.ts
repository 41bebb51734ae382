/** Input the user gave that cannot be used: the message says why, in Swedish and English. The CLI exits with status 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
