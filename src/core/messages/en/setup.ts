/** English messages of the setup area (merged into one catalogue by ../en.ts). */
export const setup = {
};
