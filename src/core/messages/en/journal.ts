/** English messages of the journal area (merged into one catalogue by ../en.ts). */
export const journal = {
};
