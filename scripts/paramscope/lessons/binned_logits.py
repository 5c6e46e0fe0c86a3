"""A next-token distribution shipped small: the top tokens' exact logits, the rest of the vocabulary as a histogram.

The explorer widget samples from a whole vocabulary in the browser but cannot ship 49,152 logits per prompt. The
`top` highest logits go exactly; every other logit is floored to a bin of width `step`, and a bin stands for its
tokens at its middle (unbiased), never above the last exact logit (so the ranking holds). `leader_error` says what
that costs: how far the leader's probability from the binned vocabulary is from the exact one."""
from dataclasses import dataclass

import torch

from paramscope.lessons import sampling


@dataclass
class Binned:
    logits: torch.Tensor    # (V,) float64: the exact logits
    top: torch.Tensor       # (top,) token ids shipped exactly, highest logit first
    middles: torch.Tensor   # each bin's logit, ascending
    counts: torch.Tensor    # the tokens in each bin
    rest_mass: float        # the probability (temperature 1) of the tokens not in top

    def shipped(self) -> torch.Tensor:
        """The vocabulary as the browser sees it: the top logits, then each bin's middle once per token in it."""
        return torch.cat([self.logits[self.top], torch.repeat_interleave(self.middles, self.counts)])


def bin_logits(logits: torch.Tensor, top: int, step: float) -> Binned:
    """The `top` tokens of logits (V,) exactly and the rest binned at `step`, as above."""
    z = logits.double()
    order = sampling.rank(z)
    kept, rest = order[:top], order[top:]
    values, counts = torch.unique(torch.floor(z[rest] / step).long(), return_counts=True)
    middles = torch.clamp((values.double() + 0.5) * step, max=float(z[kept[-1]]))
    return Binned(z, kept, middles, counts, float(sampling.process(z)[rest].sum()))


def leader_error(binned: Binned, temperatures) -> float:
    """The largest difference, over the temperatures, between the leader's probability from the shipped vocabulary
    and from the exact one."""
    return max(abs(float(sampling.process(binned.shipped(), temperature=t)[0]
                         - sampling.process(binned.logits, temperature=t)[binned.top[0]])) for t in temperatures)
