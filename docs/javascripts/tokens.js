/* How the widgets write a token: the live next-token table (live-next.js), the attention map and its readout
 * (heatmap.js, live-attention.js). No DOM and no canvas: any module imports it.
 */

// A token as the widgets show it: quoted, so that a leading space or a newline shows.
export function quoted(token) {
  return JSON.stringify(token);
}
