"""Distillation: a tiny student trained on SmolLM2's next-token distributions against the same student on the text."""
from paramscope.checkpoints import smollm2, storage
from paramscope.data import corpus
from paramscope.figures.style import PHONE_WIDTH_IN as PHONE_IN
from paramscope.lessons import distill, training
from paramscope.models.count import parameters_in
from paramscope_generator.api import expect

TRAIN_PLAY, HELD_PLAY = "romeo-and-juliet", corpus.HELD_OUT
TRAIN_TOKENS, HELD_TOKENS = 2048, 512  # the teacher reads each token once; it costs about 1 ms of CPU per token
STUDENT = training.TinyLM()
CONFIG = training.TrainConfig(steps=120, batch_size=16, context=64, eval_every=10)


def first_tokens(lm, play: str, n: int) -> list[int]:
    """The first n + 1 SmolLM2 tokens of a play (n positions, each with its next token)."""
    text = corpus.read(play)
    chars = 8 * n  # Shakespeare takes about 3 characters per SmolLM2 token: 8 leaves a wide margin
    ids = lm.encode(text[:chars])
    expect(len(ids) > n, f"{play}: {chars} characters gave only {len(ids)} tokens")
    return ids[: n + 1]


def produce(out):
    lm = smollm2.load(cache=out.project.cache)
    targets = distill.teacher_targets(lm.model, first_tokens(lm, TRAIN_PLAY, TRAIN_TOKENS),
                                      first_tokens(lm, HELD_PLAY, HELD_TOKENS))
    hard = distill.train_student(targets, STUDENT, CONFIG, soft=False)
    soft = distill.train_student(targets, STUDENT, CONFIG, soft=True)
    teacher_params = parameters_in(lm.model)

    out.fact("teacher.model", storage.model_name())
    out.fact("teacher.file", storage.describe(storage.file_formats(lm.config["file_tensors"])))
    out.fact("teacher.params", teacher_params)
    out.fact("teacher.held_out_loss", targets.teacher_held_loss, fmt="{:.2f}")
    out.fact("student.params", soft.params)
    out.fact("student.ratio", teacher_params / soft.params, fmt="{:,.0f}")
    out.fact("student.vocab", len(targets.vocab))  # real SmolLM2 tokens; the student has one class more
    out.fact("student.classes", targets.vocab_size)
    out.fact("train_play", corpus.title(TRAIN_PLAY))
    out.fact("held_play", corpus.title(HELD_PLAY))
    out.fact("train_tokens", len(targets.soft))
    out.fact("held_tokens", len(targets.held) - 1)
    out.fact("other_mass", targets.other_mass, fmt="{:.0%}")
    out.fact("steps", CONFIG.steps)
    out.fact("epochs", CONFIG.steps * CONFIG.batch_size * CONFIG.context / len(targets.soft), fmt="{:.0f}")
    other_top, scored = distill.teacher_other_top(targets, CONFIG.context)
    out.fact("other_top", other_top)
    out.fact("scored", scored)
    for name, s in (("hard", hard), ("soft", soft)):
        best = min(range(len(s.history.eval_loss)), key=s.history.eval_loss.__getitem__)
        out.fact(f"{name}.final_loss", s.history.eval_loss[-1], fmt="{:.2f}")
        out.fact(f"{name}.best_loss", s.history.eval_loss[best], fmt="{:.2f}")
        out.fact(f"{name}.best_step", s.history.eval_steps[best])
        for way in distill.AGREEMENTS:
            out.fact(f"{name}.agreement.{way}", s.agreement[way][-1], fmt="{:.1%}")
        peak = max(range(len(s.agreement["real_tokens"])), key=s.agreement["real_tokens"].__getitem__)
        out.fact(f"{name}.agreement.real_tokens.peak", s.agreement["real_tokens"][peak], fmt="{:.1%}")
        out.fact(f"{name}.agreement.real_tokens.peak_step", s.history.eval_steps[peak])
    agree = outcomes(out, hard, soft, other_top / scored)
    comparison(out, hard, soft)
    curves(out, targets, hard, soft, agree)


def outcomes(out, hard, soft, other_top_share: float) -> dict:
    """The outcomes the page's prose reads, each sentence bound to its check: if a change of code or data turns
    one around, the build stops so that the page is rewritten."""
    agree = {name: {way: s.agreement[way][-1] for way in distill.AGREEMENTS} for name, s in (("hard", hard),
                                                                                              ("soft", soft))}
    out.check("other-often-top", other_top_share > 0.2, "'other' is the teacher's top class at many positions")
    out.check("all-classes-gap", agree["soft"]["all"] - agree["hard"]["all"] > 0.1,
              "counting every class, the soft student agrees clearly more often")
    out.check("real-positions-alike", abs(agree["soft"]["real_positions"] - agree["hard"]["real_positions"]) < 0.03,
              "on real-token positions the students agree with the teacher about equally often")
    out.check("soft-ahead-on-real-tokens", agree["soft"]["real_tokens"] - agree["hard"]["real_tokens"] > 0.03,
              "the soft student ends ahead on the top real token")
    out.check("hard-peaks-and-falls", max(hard.agreement["real_tokens"]) - agree["hard"]["real_tokens"] > 0.03,
              "the hard student's top-real-token agreement peaks and falls")
    out.check("hard-overfits", hard.history.eval_loss[-1] > min(hard.history.eval_loss) + 0.2,
              "the hard student overfits: it ends 0.2 above its best loss")
    out.check("best-losses-alike", abs(min(hard.history.eval_loss) - min(soft.history.eval_loss)) < 0.2,
              "the two students' best losses are within 0.2")
    out.check("soft-ends-lower", soft.history.eval_loss[-1] < hard.history.eval_loss[-1] - 0.2,
              "the soft student ends clearly (0.2) lower")
    out.fact("loss_gap", hard.history.eval_loss[-1] - soft.history.eval_loss[-1], fmt="{:+.2f}")
    return agree


def comparison(out, hard, soft) -> None:
    """The main text's table (the two students' losses) and Going further's (their agreement with the teacher)."""
    losses, agreements = [], []
    for label, s in (("the text (hard labels)", hard), ("the teacher (soft labels)", soft)):
        best = s.history.eval_loss.index(min(s.history.eval_loss))
        losses.append([label, f"{s.history.eval_loss[best]:.2f} (step {s.history.eval_steps[best]})",
                       f"{s.history.eval_loss[-1]:.2f}"])
        agreements.append([label, f"{s.agreement['real_positions'][-1]:.1%}", f"{s.agreement['real_tokens'][-1]:.1%}"])
    out.table("comparison", ["Student trained on", "Best loss", "Loss at the end"], losses)
    out.table("agreements", ["Student trained on", "Agrees (A)", "Agrees (B)"], agreements)


STUDENTS = ((0, "hard labels"), (1, "soft labels"))  # (colour in style.SERIES, legend label) of each student


def curves(out, targets, hard, soft, agree: dict) -> None:
    def draw_loss(phone: bool = False):
        """The two students' held-out loss, with the teacher's as a dotted line; the legend above the axes."""
        import matplotlib.pyplot as plt

        from paramscope.figures import style
        fig, a = plt.subplots(figsize=style.figsize(4.2, PHONE_IN) if phone else style.figsize(3.4))
        for s, (c, label) in zip((hard, soft), STUDENTS):
            a.plot(s.history.eval_steps, s.history.eval_loss, "o-", ms=3, color=style.SERIES[c], label=label)
        a.axhline(targets.teacher_held_loss, color=style.SERIES[-2], ls=":", lw=1.5, label="teacher")
        a.set_ylabel("loss on new text\n(lower is better)" if phone else "loss on new text (lower is better)")
        a.set_xlabel("training step")
        if phone:  # in the empty band between the students' losses and the teacher's
            a.legend(loc="center right")
        else:
            a.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=3)
        fig.tight_layout()
        return fig

    def draw_agreement(phone: bool = False):
        """How often each student's top token is the teacher's, counted the two fair ways (A) and (B)."""
        import matplotlib.pyplot as plt

        from paramscope.figures import style
        fig, b = plt.subplots(figsize=style.figsize(5.4, PHONE_IN) if phone else style.figsize(3.4))
        for s, (c, label) in zip((hard, soft), STUDENTS):
            b.plot(s.history.eval_steps, s.agreement["real_tokens"], "o-", ms=3, color=style.SERIES[c],
                   label=f"{label}, (B)")
            b.plot(s.history.eval_steps, s.agreement["real_positions"], "--", color=style.SERIES[c],
                   label=f"{label}, (A)")
        b.set_xlabel("training step")
        b.set_ylabel("agrees with teacher")
        b.set_ylim(0, None)
        b.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
        if phone:
            b.legend(loc="upper center", bbox_to_anchor=(0.5, -0.17), ncols=1)
        else:
            b.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0))
        fig.tight_layout()
        return fig

    out.figure("curves", draw_loss, alt=(
        f"Line chart over {CONFIG.steps} training steps of the held-out loss of a student trained on hard labels "
        f"and one trained on the teacher's distributions (soft labels): the hard student's falls to "
        f"{min(hard.history.eval_loss):.2f} and rises to {hard.history.eval_loss[-1]:.2f}, the soft one ends at "
        f"{soft.history.eval_loss[-1]:.2f}; the teacher's, a dotted line, is {targets.teacher_held_loss:.2f}."))
    out.figure("agreement", draw_agreement, alt=(
        f"Line chart over {CONFIG.steps} training steps of how often each student's likeliest next token is the "
        f"teacher's: (A) at positions where the teacher's top class is a real token, "
        f"{agree['hard']['real_positions']:.0%} and {agree['soft']['real_positions']:.0%} at the end for the hard "
        f"and soft student, and (B) on the top real token, {agree['hard']['real_tokens']:.0%} and "
        f"{agree['soft']['real_tokens']:.0%}."))
