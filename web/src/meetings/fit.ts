// A text box as wide as a line of writing allows, and never wider than the screen: on a 390-pixel
// phone a fixed `cols` pushed the meeting page to 611 pixels.
export const fitWidth = { width: '100%', maxWidth: '40rem', boxSizing: 'border-box' } as const;
