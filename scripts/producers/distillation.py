"""Distillation: a tiny student trained on SmolLM2's next-token distributions against the same student on the text."""
from paramscope import corpus, distill, smollm2, training

TRAIN_PLAY, HELD_PLAY = "romeo-and-juliet", corpus.HELD_OUT
TRAIN_TOKENS, HELD_TOKENS = 2048, 512  # the teacher reads each token once; it costs about 1 ms of CPU per token
STUDENT = training.TinyLM()
CONFIG = training.TrainConfig(steps=120, batch_size=16, context=64, eval_every=10)


def first_tokens(lm, play: str, n: int) -> list[int]:
    """The first n + 1 SmolLM2 tokens of a play (n positions, each with its next token)."""
    text = corpus.read(play)
    chars = 8 * n  # Shakespeare takes about 3 characters per SmolLM2 token: 8 leaves a wide margin
    ids = lm.encode(text[:chars])
    assert len(ids) > n, f"{play}: {chars} characters gave only {len(ids)} tokens"
    return ids[: n + 1]


def produce(out):
    lm = smollm2.load()
    targets = distill.teacher_targets(lm.model, first_tokens(lm, TRAIN_PLAY, TRAIN_TOKENS),
                                      first_tokens(lm, HELD_PLAY, HELD_TOKENS))
    hard = distill.train_student(targets, STUDENT, CONFIG, soft=False)
    soft = distill.train_student(targets, STUDENT, CONFIG, soft=True)
    teacher_params = sum(p.numel() for p in lm.model.parameters())

    out.fact("teacher.params", teacher_params)
    out.fact("teacher.held_out_loss", targets.teacher_held_loss, fmt="{:.2f}")
    out.fact("student.params", soft.params)
    out.fact("student.ratio", teacher_params / soft.params, fmt="{:,.0f}")
    out.fact("student.vocab", targets.vocab_size)
    out.fact("train_play", corpus.title(TRAIN_PLAY))
    out.fact("held_play", corpus.title(HELD_PLAY))
    out.fact("train_tokens", len(targets.soft))
    out.fact("held_tokens", len(targets.held) - 1)
    out.fact("other_mass", targets.other_mass, fmt="{:.0%}")
    out.fact("steps", CONFIG.steps)
    out.fact("epochs", CONFIG.steps * CONFIG.batch_size * CONFIG.context / len(targets.soft), fmt="{:.0f}")
    for name, s in (("hard", hard), ("soft", soft)):
        best = min(range(len(s.history.eval_loss)), key=s.history.eval_loss.__getitem__)
        out.fact(f"{name}.final_loss", s.history.eval_loss[-1], fmt="{:.2f}")
        out.fact(f"{name}.best_loss", s.history.eval_loss[best], fmt="{:.2f}")
        out.fact(f"{name}.best_step", s.history.eval_steps[best])
        out.fact(f"{name}.agreement", s.agreement[-1], fmt="{:.0%}")
    # The page's prose reads these outcomes; if a change of code or data turns one around, stop the build so that
    # the page is rewritten rather than left saying something the numbers no longer show.
    page = "docs/glossary/distillation.md"
    assert soft.agreement[-1] > hard.agreement[-1], f"{page}: the soft student no longer agrees more with the teacher"
    assert hard.history.eval_loss[-1] > min(hard.history.eval_loss) + 0.2, f"{page}: hard student no longer overfits"
    assert abs(min(hard.history.eval_loss) - min(soft.history.eval_loss)) < 0.2, f"{page}: best losses now differ"
    out.fact("loss_gap", hard.history.eval_loss[-1] - soft.history.eval_loss[-1], fmt="{:+.2f}")
    out.fact("winner", "soft" if soft.history.eval_loss[-1] < hard.history.eval_loss[-1] else "hard")

    rows = []
    for label, s in (("true next token (hard labels)", hard), ("teacher's distribution (soft)", soft)):
        best = s.history.eval_loss.index(min(s.history.eval_loss))
        rows.append([label, f"{s.history.eval_loss[-1]:.2f}",
                     f"{s.history.eval_loss[best]:.2f} (step {s.history.eval_steps[best]})", f"{s.agreement[-1]:.0%}"])
    out.table("comparison", ["Student trained on", "Held-out loss (end)", "Best held-out loss",
                             "Agrees with teacher (top token)"], rows)

    def draw():
        import matplotlib.pyplot as plt
        fig, (a, b) = plt.subplots(1, 2, figsize=(7, 3.2))
        for s, label, c in ((hard, "hard labels", "C0"), (soft, "teacher's distribution", "C1")):
            a.plot(s.history.eval_steps, s.history.eval_loss, "o-", ms=2.5, color=c, label=label)
            b.plot(s.history.eval_steps, s.agreement, "o-", ms=2.5, color=c, label=label)
        a.axhline(targets.teacher_held_loss, color="C7", ls="--", lw=0.8, label="teacher")
        a.set_xlabel("update (step)")
        a.set_ylabel("held-out loss (nats per token)")
        b.set_xlabel("update (step)")
        b.set_ylabel("same top token as the teacher")
        b.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
        a.legend(frameon=False, fontsize=7)
        fig.tight_layout()
        return fig

    out.figure("curves", draw, alt=(
        f"Two line charts over {CONFIG.steps} updates: held-out loss and agreement with SmolLM2 for a student "
        f"trained on hard labels and one trained on the teacher's distributions; final agreement "
        f"{hard.agreement[-1]:.0%} versus {soft.agreement[-1]:.0%}."))
