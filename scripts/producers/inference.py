"""The generation loop of SmolLM2, step by step, and what its KV cache keeps, read off the cache's own tensors."""
from paramscope.arch import kv_bytes, zoo
from paramscope.checkpoints import smollm2
from paramscope.data import prompts
from paramscope.figures import style
from paramscope.lessons import cached_generation
from paramscope.lessons.tokens import token_label

PROMPT = prompts.CAPITAL
NEW = 5          # tokens generated, one pass each
COL_IN = 0.58    # width of one step's column
LABEL_IN = 1.1  # room for the token texts on the left
FONT = 10        # every text: 10 pt on a figure this narrow is at least 11 CSS px on a 375 px phone


def produce(out):
    lm = smollm2.load(cache=out.project.cache)
    c = lm.model.arch
    prompt = lm.encode(PROMPT)
    steps = cached_generation.greedy_with_cache(lm.model, prompt, NEW)
    plain = cached_generation.greedy_without_cache(lm.model, prompt, NEW)
    facts(out, lm, c, prompt, steps, plain)
    loop_figure(out, lm, prompt, steps)


def facts(out, lm, c, prompt: list[int], steps: list, plain: list) -> None:
    cache = lm.model.new_cache(1)
    per_token = cached_generation.bytes_per_position(cache)
    dtype_bytes = cache.k.element_size()
    formula = kv_bytes.per_token(zoo.get("smollm2-135m").config, dtype_bytes)  # the closed form, from the config
    out.check("cache-matches-formula", per_token == formula and all(
        s.cache_bytes == s.cached * formula for s in steps),
        f"the cache's tensors take {per_token} bytes per token, the formula says {formula}")
    out.check("one-more-per-step", [s.cached for s in steps] == list(range(len(prompt), len(prompt) + len(steps)))
              and all(len(s.fed) == 1 for s in steps[1:]), "the first pass caches the prompt, each later one token")
    gap = max((s.logits - p[1]).abs().max().item() for s, p in zip(steps, plain))
    out.check("cache-changes-nothing", [s.token for s in steps] == [p[0] for p in plain] and gap < 1e-4,
              f"greedy tokens with and without the cache agree and logits within 1e-4 (gap {gap:g})")
    out.fact("prompt", PROMPT)
    out.fact("prompt_tokens", len(prompt))
    out.fact("new", NEW)
    out.fact("continuation", " ".join(token_label(lm.token(s.token)) for s in steps))
    out.fact("first", lm.token(steps[0].token).strip())
    out.fact("layers", c.layers)
    out.fact("kv_heads", c.kv_heads)
    out.fact("head_dim", c.head_dim)
    out.fact("dtype_bytes", dtype_bytes)
    out.fact("bytes_per_token", per_token)
    out.fact("last.cached", steps[-1].cached)
    out.fact("last.kb", steps[-1].cache_bytes / 1e3, fmt="{:,.0f}")
    out.fact("logit_gap", gap, fmt="{:.5f}")


def loop_figure(out, lm, prompt: list[int], steps: list) -> None:
    fed = prompt + [s.token for s in steps[:-1]]  # every token that went through the model, in order
    labels = [token_label(lm.token(t)) for t in fed] + [token_label(lm.token(steps[-1].token))]
    n_rows, n_cols = len(labels), len(steps)
    alt = (f"A grid, one column per step of generating text after “{PROMPT}” with SmolLM2-135M. Step 1 runs all "
           f"{len(prompt)} prompt tokens and chooses “{lm.token(steps[0].token)}”; every later step runs only the "
           f"token chosen before it, while the keys and values of all earlier tokens are kept in the cache. The "
           f"cache grows by one token a step, from {steps[0].cache_bytes / 1e3:,.0f} kB to "
           f"{steps[-1].cache_bytes / 1e3:,.0f} kB, in the tensors at "
           f"{lm.model.new_cache(1).k.element_size() * 8}-bit.")

    def draw():
        import matplotlib.pyplot as plt
        from matplotlib.patches import Rectangle
        ink = plt.rcParams["text.color"]
        theme = "dark" if ink == style.INK["dark"] else "light"
        fig, ax = plt.subplots(figsize=style.figsize(0.3 * n_rows + 1.5, LABEL_IN + COL_IN * n_cols + 0.2))
        for col, s in enumerate(steps):
            for row in range(n_rows):
                if row < s.start:
                    face, text = style.SERIES[0], "kept"
                elif row < s.start + len(s.fed):
                    face, text = style.SERIES[1], "run"
                elif row == s.start + len(s.fed):
                    face, text = "none", "chosen"
                else:
                    continue
                ax.add_patch(Rectangle((col + 0.06, row + 0.08), 0.88, 0.84, facecolor=face,
                                       edgecolor=style.SERIES[2] if face == "none" else "none", lw=1.6))
                ax.text(col + 0.5, row + 0.5, text, ha="center", va="center", fontsize=FONT,
                        color=ink if face == "none" else "white")
            ax.text(col + 0.5, n_rows + 0.45, f"{s.cache_bytes / 1e3:,.0f}", ha="center", va="center",
                    fontsize=FONT, color=ink)
        ax.text(-0.1, n_rows + 0.45, "cache, kB", ha="right", va="center", fontsize=FONT, color=ink)
        ax.set_xlim(0, n_cols)
        ax.set_ylim(n_rows + 0.9, 0)
        ax.set_yticks([r + 0.5 for r in range(n_rows)], labels, fontsize=FONT)
        ax.set_xticks([c + 0.5 for c in range(n_cols)], [f"step {c + 1}" for c in range(n_cols)], fontsize=FONT)
        ax.xaxis.tick_top()
        ax.tick_params(length=0)
        for side in ax.spines.values():
            side.set_visible(False)
        ax.axhline(len(prompt), color=style.MUTED[theme], lw=0.8, ls="--")
        return style.finish(fig)

    out.figure("loop", draw, alt=alt)
