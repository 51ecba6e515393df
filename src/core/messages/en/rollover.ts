/** English messages of the rollover area (merged into one catalogue by ../en.ts). */
export const rollover = {
};
