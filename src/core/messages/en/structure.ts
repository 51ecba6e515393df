/** English messages of the structure area (merged into one catalogue by ../en.ts). */
export const structure = {
};
