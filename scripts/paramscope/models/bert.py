"""BERT: a bidirectional transformer encoder (post-norm, learned positions, biases everywhere) with a pooler.

all-MiniLM-L6-v2 is one. Parameter names equal Hugging Face transformers' `BertModel` state_dict keys (its
`position_ids` buffer is not persistent there and does not exist here).
"""
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from paramscope.arch import Arch
from paramscope.models.meta_embedding import Embedding


@dataclass
class BertConfig:
    vocab_size: int = 30522              # WordPiece vocabulary
    hidden_size: int = 768               # width of every token's vector
    num_hidden_layers: int = 12          # depth
    num_attention_heads: int = 12        # heads; each has hidden_size / heads dimensions
    intermediate_size: int = 3072        # MLP hidden width
    max_position_embeddings: int = 512   # rows of the learned position table: the longest input
    type_vocab_size: int = 2             # segment ids (sentence A / B)
    layer_norm_eps: float = 1e-12        # as in the original BERT
    hidden_act: str = "gelu"             # exact (erf) GELU
    add_pooling_layer: bool = True       # the pooler: tanh(dense(first token)), used for sentence-level tasks

    @classmethod
    def from_arch(cls, a: Arch) -> "BertConfig":
        return cls(vocab_size=a.vocab, hidden_size=a.d, num_hidden_layers=a.layers, num_attention_heads=a.heads,
                   intermediate_size=a.ffn, max_position_embeddings=a.positions, type_vocab_size=a.token_types,
                   layer_norm_eps=a.norm_eps, hidden_act=a.activation)


class Embeddings(nn.Module):
    """Sum of word, position and segment embeddings, then LayerNorm."""

    def __init__(self, c: BertConfig):
        super().__init__()
        self.word_embeddings = Embedding(c.vocab_size, c.hidden_size)
        self.position_embeddings = Embedding(c.max_position_embeddings, c.hidden_size)
        self.token_type_embeddings = Embedding(c.type_vocab_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)

    def forward(self, input_ids: torch.Tensor, token_type_ids: torch.Tensor) -> torch.Tensor:
        T = input_ids.shape[1]
        positions = torch.arange(T, device=input_ids.device)[None, :]  # (1, T)
        x = self.word_embeddings(input_ids) + self.token_type_embeddings(token_type_ids)
        return self.LayerNorm(x + self.position_embeddings(positions))  # (B, T, H)


class SelfAttention(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.n_head, self.hd = c.num_attention_heads, c.hidden_size // c.num_attention_heads
        self.query = nn.Linear(c.hidden_size, c.hidden_size)
        self.key = nn.Linear(c.hidden_size, c.hidden_size)
        self.value = nn.Linear(c.hidden_size, c.hidden_size)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        B, T, H = x.shape
        q = self.query(x).view(B, T, self.n_head, self.hd).transpose(1, 2)  # (B, n_head, T, hd)
        k = self.key(x).view(B, T, self.n_head, self.hd).transpose(1, 2)    # (B, n_head, T, hd)
        v = self.value(x).view(B, T, self.n_head, self.hd).transpose(1, 2)  # (B, n_head, T, hd)
        scores = q @ k.transpose(-2, -1) / self.hd ** 0.5 + bias  # (B, n_head, T, T); bias hides padding keys
        y = torch.softmax(scores, dim=-1) @ v  # (B, n_head, T, hd)
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
    def __init__(self, c: BertConfig):
        super().__init__()
        self.self = SelfAttention(c)
        self.output = DenseNorm(c.hidden_size, c.hidden_size, c.layer_norm_eps)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        return self.output(self.self(x, bias), x)


class Intermediate(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.intermediate_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.gelu(self.dense(x))  # (B, T, intermediate_size): the layer's neurons


class Layer(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.attention = Attention(c)
        self.intermediate = Intermediate(c)
        self.output = DenseNorm(c.intermediate_size, c.hidden_size, c.layer_norm_eps)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        x = self.attention(x, bias)
        return self.output(self.intermediate(x), x)


class Encoder(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.layer = nn.ModuleList(Layer(c) for _ in range(c.num_hidden_layers))


class Pooler(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.hidden_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.tanh(self.dense(x[:, 0]))  # (B, H) from the first ([CLS]) token


class Bert(nn.Module):
    """Token ids (B, T) -> contextual vectors (B, T, H); `pooled` holds the pooler output of the last call."""

    def __init__(self, config: BertConfig):
        super().__init__()
        self.config = config
        self.embeddings = Embeddings(config)
        self.encoder = Encoder(config)
        self.pooler = Pooler(config) if config.add_pooling_layer else None
        self.pooled: torch.Tensor | None = None

    blocks = property(lambda self: self.encoder.layer)  # as Decoder.blocks: what capture and count walk

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None,
                token_type_ids: torch.Tensor | None = None) -> torch.Tensor:
        """Last hidden state (B, T, H). attention_mask (B, T) is 1 for real tokens, 0 for padding."""
        if token_type_ids is None:
            token_type_ids = torch.zeros_like(input_ids)
        x = self.embeddings(input_ids, token_type_ids)
        bias = torch.zeros(x.shape[0], 1, 1, x.shape[1], dtype=x.dtype, device=x.device)  # (B, 1, 1, T)
        if attention_mask is not None:
            bias = bias.masked_fill(attention_mask[:, None, None, :] == 0, torch.finfo(x.dtype).min)
        for layer in self.encoder.layer:
            x = layer(x, bias)
        self.pooled = self.pooler(x) if self.pooler is not None else None
        return x
