/** English messages of the people area (merged into one catalogue by ../en.ts). */
export const people = {
};
