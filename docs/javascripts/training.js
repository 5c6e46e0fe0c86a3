/* The Parameter page's three-parameter model, y = w1·x1 + w2·x2 + b, its loss (y − target)² and one step of
 * training, as plain functions: its widget (byhand.js) runs them, and readers' scripts call them on every page
 * (window.paramscope.byhand, published by site.js).
 */

export function output(p, x) { return p.w1 * x[0] + p.w2 * x[1] + p.b; }
export function loss(p, x, target) { const d = output(p, x) - target; return d * d; }
export function trainingStep(p, x, target, step) {
  const slope = 2 * (output(p, x) - target);   // d loss / d y; then d y / d w1 = x1, d y / d w2 = x2, d y / d b = 1
  return { w1: p.w1 - step * slope * x[0], w2: p.w2 - step * slope * x[1], b: p.b - step * slope };
}
