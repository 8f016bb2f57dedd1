// Live views: how much a hand training loop slows down when it redraws a view every epoch through
// display's throttled handle (kernel/display/live.ts): the loss curve and the decision boundary (a
// 40 x 40 lattice through the network) at the default 4 frames a second. Both contenders run the same
// cell on the in-process kernel (the one `stepbook run` uses), alternating round by round; the figure is
// the median of the same-round ratios. The page draws the frames on its own thread; this measures what
// the kernel's thread pays (computing the frames and sending them).
import { NodeKernelHost } from "../kernel/host/node.ts";
import { median } from "./timing.ts";

const cell = (epochs: number, live: boolean) => `
np.random.seed(0);
const X = np.random.randn(300, 2);
const y = X.slice(null, 0).mul(X.slice(null, 1)).greater(0).astype("float64").reshape([300, 1]);
const W1 = np.random.randn(2, 16).mul(0.5).requiresGrad(), b1 = np.zeros([16]).requiresGrad();
const W2 = np.random.randn(16, 1).mul(0.5).requiresGrad(), b2 = np.zeros([1]).requiresGrad();
const predict = (x: Tensor) => x.matmul(W1).add(b1).tanh().matmul(W2).add(b2).sigmoid();
const losses: number[] = [];
${live ? "const view = display(plot.line([1]), { id: true });\nconst curve = display(plot.line([1]), { id: true });" : ""}
for (let epoch = 0; epoch < ${epochs}; epoch++) {
  const p = predict(X);
  const L = y.mul(p.log()).add(y.mul(-1).add(1).mul(p.mul(-1).add(1).log())).mean().mul(-1);
  L.backward();
  np.noGrad(() => { for (const w of [W1, b1, W2, b2]) { w.assignSub(w.grad!.mul(0.5)); w.grad = null; } });
  losses.push(L.item());
  ${live ? "view.update(() => plot.boundary(predict, X, y));\n  curve.update(() => plot.line(losses, { label: \"loss\" }));" : ""}
}`;

export interface LiveFigures { epochs: number; rounds: number; plainMs: number; liveMs: number; ratio: number; frames: number }

export async function measureLiveViews(epochs: number, rounds: number): Promise<LiveFigures> {
  const host = new NodeKernelHost();
  const plain: number[] = [], live: number[] = [], ratios: number[] = [];
  let frames = 0;
  for (let r = -1; r < rounds; r++) {
    const order = r % 2 === 0 ? [false, true] : [true, false];
    const times: Record<string, number> = {};
    for (const isLive of order) {
      const t0 = performance.now();
      const out = await host.execute(cell(epochs, isLive), { cellId: isLive ? "live" : "plain", timeoutMs: 600_000 });
      times[String(isLive)] = performance.now() - t0;
      const failed = out.messages.find((m) => m.type === "error");
      if (failed) throw new Error(`live-views bench: the cell failed: ${JSON.stringify(failed)}`);
      if (isLive && r >= 0) frames += out.messages.filter((m) => m.type === "update_display_data").length;
    }
    if (r < 0) continue; // warm-up
    plain.push(times.false!);
    live.push(times.true!);
    ratios.push(times.true! / times.false!);
  }
  return { epochs, rounds, plainMs: median(plain), liveMs: median(live), ratio: median(ratios), frames: Math.round(frames / rounds) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const f = await measureLiveViews(Number(process.argv[2] ?? 500), Number(process.argv[3] ?? 5));
  console.log(f);
}
