"""GPT-2: a decoder-only transformer with learned positions, pre-norm LayerNorm, biases everywhere, tied output.

Parameter names and shapes equal Hugging Face transformers' `GPT2LMHeadModel` state_dict keys. GPT-2 stores its
linear layers as "Conv1D": the weight is (in, out), the transpose of nn.Linear's, so we do the same.
"""
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from paramscope.arch import Arch
from paramscope.models.decoder import At, Decoder
from paramscope.models.layers import KVWrite
from paramscope.models.meta_embedding import Embedding


@dataclass
class GPT2Config:
    vocab_size: int = 50257        # byte-level BPE: 50,000 merges + 256 bytes + <|endoftext|>
    n_positions: int = 1024        # rows of the learned position table: the longest context
    n_embd: int = 768              # width of the residual stream
    n_layer: int = 12              # depth
    n_head: int = 12               # attention heads, each n_embd / n_head wide
    n_inner: int | None = None     # MLP hidden width; None: 4 * n_embd
    layer_norm_epsilon: float = 1e-5

    def __post_init__(self):
        if self.n_inner is None:
            self.n_inner = 4 * self.n_embd

    @classmethod
    def from_arch(cls, a: Arch) -> "GPT2Config":
        return cls(vocab_size=a.vocab, n_positions=a.positions, n_embd=a.d, n_layer=a.layers, n_head=a.heads,
                   n_inner=a.ffn, layer_norm_epsilon=a.norm_eps)


class Conv1D(nn.Module):
    """A linear layer whose weight is stored (in, out), as in the original TensorFlow GPT-2."""

    def __init__(self, n_out: int, n_in: int):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(n_in, n_out))
        self.bias = nn.Parameter(torch.zeros(n_out))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x @ self.weight + self.bias


class Attention(nn.Module):
    def __init__(self, c: GPT2Config):
        super().__init__()
        self.n_head, self.hd = c.n_head, c.n_embd // c.n_head
        self.c_attn = Conv1D(3 * c.n_embd, c.n_embd)  # q, k, v in one matrix
        self.c_proj = Conv1D(c.n_embd, c.n_embd)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(C, dim=-1)
        q = q.view(B, T, self.n_head, self.hd).transpose(1, 2)  # (B, n_head, T, hd)
        k = k.view(B, T, self.n_head, self.hd).transpose(1, 2)  # (B, n_head, T, hd)
        v = v.view(B, T, self.n_head, self.hd).transpose(1, 2)  # (B, n_head, T, hd)
        # softmax(q k^T / sqrt(hd)) v with position i seeing keys j <= i: the mask is implied (is_causal), as in nanoGPT
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)  # (B, n_head, T, hd)
        return self.c_proj(y.transpose(1, 2).reshape(B, T, C))  # (B, T, C)


class MLP(nn.Module):
    def __init__(self, c: GPT2Config):
        super().__init__()
        self.c_fc = Conv1D(c.n_inner, c.n_embd)
        self.c_proj = Conv1D(c.n_embd, c.n_inner)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.c_proj(F.gelu(self.c_fc(x), approximate="tanh"))  # "gelu_new" is the tanh approximation


class Block(nn.Module):
    def __init__(self, c: GPT2Config):
        super().__init__()
        self.ln_1 = nn.LayerNorm(c.n_embd, eps=c.layer_norm_epsilon)
        self.attn = Attention(c)
        self.ln_2 = nn.LayerNorm(c.n_embd, eps=c.layer_norm_epsilon)
        self.mlp = MLP(c)

    def forward(self, x: torch.Tensor, at: At, kv: KVWrite | None = None) -> torch.Tensor:
        """`at` is not read: positions were added with the embeddings, and attention is causal over the call's
        tokens (no cache: Decoder refuses one)."""
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class Transformer(nn.Module):
    """transformers' `GPT2Model`: the `transformer.` prefix of every name."""

    def __init__(self, c: GPT2Config):
        super().__init__()
        self.wte = Embedding(c.vocab_size, c.n_embd)
        self.wpe = Embedding(c.n_positions, c.n_embd)
        self.h = nn.ModuleList(Block(c) for _ in range(c.n_layer))
        self.ln_f = nn.LayerNorm(c.n_embd, eps=c.layer_norm_epsilon)


class GPT2(Decoder):
    """Token ids (B, T) -> next-token logits (B, T, vocab_size); the output head is the token embedding. The forward
    pass is Decoder's, without a KV cache."""

    def __init__(self, config: GPT2Config):
        super().__init__()
        self.config = config
        self.transformer = Transformer(config)
        self.lm_head = nn.Linear(config.n_embd, config.vocab_size, bias=False)
        self.lm_head.weight = self.transformer.wte.weight  # tied: one tensor, counted once

    blocks = property(lambda self: self.transformer.h)
    final_norm = property(lambda self: self.transformer.ln_f)
    max_positions = property(lambda self: self.config.n_positions)

    def embed(self, input_ids: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
        t = self.transformer
        return t.wte(input_ids) + t.wpe(positions)  # (B, T, C): a learned vector per position, added

    def head(self, x: torch.Tensor) -> torch.Tensor:
        return self.lm_head(x)  # (B, T, V)
