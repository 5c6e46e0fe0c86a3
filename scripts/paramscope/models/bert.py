"""BERT: a bidirectional transformer encoder (post-norm, learned positions, biases everywhere) with a pooler.

all-MiniLM-L6-v2 is one. Parameter names equal Hugging Face transformers' `BertModel` state_dict keys (its
`position_ids` buffer is not persistent there and does not exist here).
"""
import torch
import torch.nn.functional as F
from torch import nn

from paramscope.arch import Arch
from paramscope.models.attention import Softmax, attend
from paramscope.models.meta_embedding import Embedding


class Embeddings(nn.Module):
    """Sum of word, position and segment embeddings, then LayerNorm."""

    def __init__(self, arch: Arch):
        super().__init__()
        self.word_embeddings = Embedding(arch.vocab, arch.d_model)
        self.position_embeddings = Embedding(arch.positions, arch.d_model)
        self.token_type_embeddings = Embedding(arch.token_types, arch.d_model)
        self.LayerNorm = nn.LayerNorm(arch.d_model, eps=arch.run.norm_eps)

    def forward(self, input_ids: torch.Tensor, token_type_ids: torch.Tensor) -> torch.Tensor:
        T = input_ids.shape[1]
        positions = torch.arange(T, device=input_ids.device)[None, :]  # (1, T)
        x = self.word_embeddings(input_ids) + self.token_type_embeddings(token_type_ids)
        return self.LayerNorm(x + self.position_embeddings(positions))  # (B, T, H)


class SelfAttention(nn.Module):
    def __init__(self, arch: Arch):
        super().__init__()
        self.n_head, self.hd = arch.heads, arch.d_model // arch.heads
        self.query = nn.Linear(arch.d_model, arch.d_model)
        self.key = nn.Linear(arch.d_model, arch.d_model)
        self.value = nn.Linear(arch.d_model, arch.d_model)
        self.softmax = Softmax()

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        B, T, H = x.shape
        q = self.query(x).view(B, T, self.n_head, self.hd).transpose(1, 2)  # (B, n_head, T, hd)
        k = self.key(x).view(B, T, self.n_head, self.hd).transpose(1, 2)    # (B, n_head, T, hd)
        v = self.value(x).view(B, T, self.n_head, self.hd).transpose(1, 2)  # (B, n_head, T, hd)
        y = attend(q, k, v, mask, self.hd ** -0.5, self.softmax)  # (B, n_head, T, hd); both ways, padding hidden
        return y.transpose(1, 2).reshape(B, T, H)  # (B, T, H)


class DenseNorm(nn.Module):
    """Post-norm sublayer output: LayerNorm(residual + dense(x)). BERT names it `output` in two places."""

    def __init__(self, d_in: int, d_out: int, eps: float):
        super().__init__()
        self.dense = nn.Linear(d_in, d_out)
        self.LayerNorm = nn.LayerNorm(d_out, eps=eps)

    def forward(self, x: torch.Tensor, residual: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(residual + self.dense(x))


class Attention(nn.Module):
    def __init__(self, arch: Arch):
        super().__init__()
        self.self = SelfAttention(arch)
        self.output = DenseNorm(arch.d_model, arch.d_model, arch.run.norm_eps)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.output(self.self(x, mask), x)


class Intermediate(nn.Module):
    def __init__(self, arch: Arch):
        super().__init__()
        self.dense = nn.Linear(arch.d_model, arch.ffn)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.gelu(self.dense(x))  # (B, T, intermediate_size): the layer's neurons


class Layer(nn.Module):
    def __init__(self, arch: Arch):
        super().__init__()
        self.attention = Attention(arch)
        self.intermediate = Intermediate(arch)
        self.output = DenseNorm(arch.ffn, arch.d_model, arch.run.norm_eps)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x = self.attention(x, mask)
        return self.output(self.intermediate(x), x)


class Encoder(nn.Module):
    def __init__(self, arch: Arch):
        super().__init__()
        self.layer = nn.ModuleList(Layer(arch) for _ in range(arch.layers))


class Pooler(nn.Module):
    def __init__(self, arch: Arch):
        super().__init__()
        self.dense = nn.Linear(arch.d_model, arch.d_model)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.tanh(self.dense(x[:, 0]))  # (B, H) from the first ([CLS]) token


class Bert(nn.Module):
    """Token ids (B, T) -> contextual vectors (B, T, H); `pooled` holds the pooler output of the last call."""

    def __init__(self, arch: Arch):
        super().__init__()
        self.arch = arch
        self.embeddings = Embeddings(arch)
        self.encoder = Encoder(arch)
        self.pooler = Pooler(arch) if arch.pooler else None
        self.pooled: torch.Tensor | None = None

    blocks = property(lambda self: self.encoder.layer)  # as Decoder.blocks: what capture and count walk

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None,
                token_type_ids: torch.Tensor | None = None) -> torch.Tensor:
        """Last hidden state (B, T, H). attention_mask (B, T) is 1 for real tokens, 0 for padding."""
        if token_type_ids is None:
            token_type_ids = torch.zeros_like(input_ids)
        x = self.embeddings(input_ids, token_type_ids)
        if attention_mask is None:
            attention_mask = torch.ones_like(input_ids)
        mask = attention_mask[:, None, None, :] != 0  # (B, 1, 1, T): every token sees every real token
        for layer in self.encoder.layer:
            x = layer(x, mask)
        self.pooled = self.pooler(x) if self.pooler is not None else None
        return x
