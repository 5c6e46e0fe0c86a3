"""Published fits of the loss of a language model against its parameters N and training tokens D.

Hoffmann et al. (2022) fit L(N, D) = E + A / N^alpha + B / D^beta to their own training runs ("Approach 3"): E is
the loss no model reaches (the entropy of text itself), the second term what a finite model loses, the third what
finite data loses. Besiroglu et al. (2024) refit the same form to the runs read off Hoffmann's figure and found
different constants. The losses are in nats per token of Hoffmann's tokenizer on their MassiveText data, so they
compare with nothing trained on other data or with another tokenizer.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class LossFit:
    """A fitted L(N, D) = E + A / N^alpha + B / D^beta, and where it is published."""

    label: str
    E: float
    A: float
    B: float
    alpha: float
    beta: float
    source: str    # footnote key
    citation: str

    def loss(self, n_params: float, n_tokens: float) -> float:
        return self.E + self.A / n_params ** self.alpha + self.B / n_tokens ** self.beta


CHINCHILLA = LossFit(
    "Hoffmann et al. 2022", E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28, source="chinchilla-fit",
    citation="Hoffmann et al. (2022), Training Compute-Optimal Large Language Models, section 3.3 (Approach 3: fitting "
             "a parametric loss function) and Appendix D.2, the fitted constants. https://arxiv.org/abs/2203.15556")
REFIT = LossFit(
    "Besiroglu et al. 2024", E=1.8172, A=482.01, B=2085.43, alpha=0.3478, beta=0.3658, source="chinchilla-refit",
    citation="Besiroglu, Erdil, Barnett and You (2024), Chinchilla Scaling: A replication attempt: refitting Approach "
             "3 to the data read off Hoffmann et al.'s figure gives different constants. https://arxiv.org/abs/2404.10102")
FITS = (CHINCHILLA, REFIT)
