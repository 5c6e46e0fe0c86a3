"""GPT-2: a decoder-only transformer with learned positions, pre-norm LayerNorm, biases everywhere, tied output.

Parameter names and shapes equal Hugging Face transformers' `GPT2LMHeadModel` state_dict keys. GPT-2 stores its
linear layers as "Conv1D": the weight is (in, out), the transpose of nn.Linear's, so we do the same.
"""
import torch
import torch.nn.functional as F
from torch import nn

from paramscope.arch import Arch
from paramscope.models.attention import Softmax, attend
from paramscope.models.decoder import Decoder, TokenPositions
from paramscope.models.layers import KVWrite
from paramscope.models.meta_embedding import Embedding


class Conv1D(nn.Module):
    """A linear layer whose weight is stored (in, out), as in the original TensorFlow GPT-2."""

    def __init__(self, n_out: int, n_in: int):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(n_in, n_out))
        self.bias = nn.Parameter(torch.zeros(n_out))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x @ self.weight + self.bias


class Attention(nn.Module):
    def __init__(self, arch: Arch):
        super().__init__()
        self.n_head, self.hd = arch.heads, arch.d_model // arch.heads
        self.c_attn = Conv1D(3 * arch.d_model, arch.d_model)  # q, k, v in one matrix
        self.c_proj = Conv1D(arch.d_model, arch.d_model)
        self.softmax = Softmax()

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(C, dim=-1)
        q = q.view(B, T, self.n_head, self.hd).transpose(1, 2)  # (B, n_head, T, hd)
        k = k.view(B, T, self.n_head, self.hd).transpose(1, 2)  # (B, n_head, T, hd)
        v = v.view(B, T, self.n_head, self.hd).transpose(1, 2)  # (B, n_head, T, hd)
        y = attend(q, k, v, mask, self.hd ** -0.5, self.softmax)  # (B, n_head, T, hd); mask (T, T): keys j <= i
        return self.c_proj(y.transpose(1, 2).reshape(B, T, C))  # (B, T, C)


class MLP(nn.Module):
    def __init__(self, arch: Arch):
        super().__init__()
        self.c_fc = Conv1D(arch.ffn, arch.d_model)
        self.c_proj = Conv1D(arch.d_model, arch.ffn)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.c_proj(F.gelu(self.c_fc(x), approximate="tanh"))  # "gelu_new" is the tanh approximation


class Block(nn.Module):
    def __init__(self, arch: Arch):
        super().__init__()
        self.ln_1 = nn.LayerNorm(arch.d_model, eps=arch.run.norm_eps)
        self.attn = Attention(arch)
        self.ln_2 = nn.LayerNorm(arch.d_model, eps=arch.run.norm_eps)
        self.mlp = MLP(arch)

    def forward(self, x: torch.Tensor, positions: TokenPositions, kv: KVWrite | None = None) -> torch.Tensor:
        """Only the causal mask of `positions` is read: positions were added with the embeddings (no cache: Decoder
        refuses one)."""
        x = x + self.attn(self.ln_1(x), positions.causal)
        return x + self.mlp(self.ln_2(x))


class Transformer(nn.Module):
    """transformers' `GPT2Model`: the `transformer.` prefix of every name."""

    def __init__(self, arch: Arch):
        super().__init__()
        self.wte = Embedding(arch.vocab, arch.d_model)
        self.wpe = Embedding(arch.positions, arch.d_model)
        self.h = nn.ModuleList(Block(arch) for _ in range(arch.layers))
        self.ln_f = nn.LayerNorm(arch.d_model, eps=arch.run.norm_eps)


class GPT2(Decoder):
    """Token ids (B, T) -> next-token logits (B, T, vocab); the output head is the token embedding. The forward
    pass is Decoder's, without a KV cache. Built from the description `arch` (read with run=True)."""

    def __init__(self, arch: Arch):
        super().__init__()
        self.arch = arch
        self.transformer = Transformer(arch)
        self.lm_head = nn.Linear(arch.d_model, arch.vocab, bias=False)
        self.lm_head.weight = self.transformer.wte.weight  # tied: one tensor, counted once

    blocks = property(lambda self: self.transformer.h)
    final_norm = property(lambda self: self.transformer.ln_f)
    max_positions = property(lambda self: self.arch.positions)

    def embed(self, input_ids: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
        t = self.transformer
        return t.wte(input_ids) + t.wpe(positions)  # (B, T, C): a learned vector per position, added

    def head(self, x: torch.Tensor) -> torch.Tensor:
        return self.lm_head(x)  # (B, T, V)
