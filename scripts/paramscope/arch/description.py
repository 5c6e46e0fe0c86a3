"""One description of a transformer's architecture: every shape and switch that decides its parameter count.

A decoder-only model is `layers` blocks between an embedding table and an output head. Each block has a mixer
(attention, or a state-space, linear-attention or short-convolution layer, or attention and a state-space layer side
by side) and an MLP or a mixture of experts, with norms; `mixers` and the mixture fields say which block has which.
An encoder-decoder (T5) adds `decoder_layers` blocks with cross-attention. All fields are Python ints, bools,
strings or tuples, so the count is exact at any size.

How the model computes (norm epsilon, rotary base, activation, attention windows, router details) is the nested
`Arch.run` (a `Run`): no count depends on it, and it is read only when a torch module is built (`describe(...,
run=True)`, the adapters' `run` section); the count's reader and the page's leave it at its defaults. The torch
modules (paramscope.models) read this one description directly: `Llama(arch)` reads `arch.d_model`,
`arch.run.rope_theta`.
"""
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Run:
    """How the model computes: read for the torch modules only (no count depends on these)."""
    context: int = 0                # longest context trained (max_position_embeddings; 0: none given)
    norm_eps: float = 1e-6          # added inside each norm's square root
    activation: str = ""            # the MLP's activation, as transformers names it (silu, gelu_new ...)
    rope_theta: float = 10000.0     # base of the rotary frequencies
    rope_fraction: float = 1.0      # share of each head's dimensions that are rotated (Phi-3's partial rotary)
    rope_interleave: bool = False   # rotary pairs (2i, 2i+1) rather than (i, i + d/2) (DeepSeek-V3)
    sliding_window: int = 0         # attend to the last this many tokens on sliding blocks (0: no window)
    window_from: int = 0            # blocks before this one never slide (Qwen2's max_window_layers)
    layer_types: tuple = ()         # one period of 'sliding_attention' / 'full_attention', repeated; (): all slide
    attn_scalar: float = 0.0        # attention scale 1/sqrt(this) (Gemma 2's query_pre_attn_scalar; 0: head_dim)
    attn_softcap: float = 0.0       # cap * tanh(scores / cap) before the softmax (0: none)
    logit_softcap: float = 0.0      # the same on the output logits (0: none)
    expert_groups: int = 0          # DeepSeek's router: experts in n_group groups ...
    group_top_k: int = 0            # ... of which the best topk_group are eligible
    routed_scale: float = 1.0       # routed experts' weights multiplied by this
    norm_top_k: bool = True         # renormalise the chosen experts' weights to sum to 1


@dataclass(frozen=True)
class Arch:
    model_type: str
    vocab: int                      # rows of the token embedding table
    d_model: int                    # width of the residual stream (hidden_size): each token's vector
    layers: int                     # blocks (the encoder's, for an encoder-decoder)
    heads: int                      # query heads
    kv_heads: int                   # key/value heads (grouped-query attention when fewer than heads)
    head_dim: int                   # query/key width per head (latent attention: no-rope + rope parts)
    ffn: int                        # hidden width of a dense MLP
    v_head_dim: int = 0             # value width per head; 0: head_dim
    emb_dim: int = 0                # width of the token table; 0: d_model (else projected in and out, as OPT-350m)
    positions: int = 0              # rows of learned absolute positions (0: rotary, ALiBi or relative)
    token_types: int = 0            # rows of BERT's segment embeddings
    embed_norm: bool = False        # a norm right after the embeddings (BERT, BLOOM)
    qkv_bias: bool = False          # biases on the query, key and value projections
    o_bias: bool = False            # bias on the attention output projection
    q_lora: int = 0                 # latent attention (DeepSeek): rank of the query bottleneck, 0 for none
    kv_lora: int = 0                # latent attention: rank of the key/value bottleneck; 0: ordinary attention
    rope_dim: int = 0               # latent attention: per-head rotary part of head_dim, shared by all heads
    qk_norm: int = 0                # parameters of the query and key norms in one block
    gated: bool = True              # MLP with gate, up and down (SwiGLU/GeGLU) rather than up and down
    mlp_bias: bool = False          # biases on the MLP projections
    norm: int = 0                   # parameters of one norm: d_model (RMSNorm), 2 d_model (LayerNorm), 0 (no affine)
    norms: int = 2                  # norms per block
    final_norm: bool = True         # a norm after the last block (one per stack)
    experts: int = 0                # routed experts per mixture-of-experts block; 0: dense model
    top_k: int = 0                  # experts a token is routed to
    expert_ffn: int = 0             # hidden width of one expert (a gated MLP)
    shared_ffn: int = 0             # total hidden width of the always-used shared experts
    shared_gate: bool = False       # a one-output gate on the shared expert (Qwen2-MoE)
    dense_first: int = 0            # the first blocks keep a dense MLP (DeepSeek's first_k_dense_replace)
    moe_step: int = 1               # every moe_step-th block is a mixture (Qwen's decoder_sparse_step)
    dense_layers: tuple = ()        # blocks listed as dense (Qwen's mlp_only_layers)
    head: bool = True               # an output head to the vocabulary (false for encoders such as BERT)
    tie: bool = False               # the output head is the embedding table (counted once)
    head_bias: bool = False         # bias on the output head (Phi-2)
    pooler: bool = False            # BERT's pooler (dense + bias on the first token)
    decoder_layers: int = 0         # encoder-decoder: decoder blocks, each with cross-attention
    rel_buckets: int = 0            # T5: relative-position buckets per head, in each stack's first block
    task: str = ""                  # the task head `architectures` names (BertForMaskedLM ...), "" for none
    task_head: int = 0              # what that class adds to the total (its head less the pooler it drops)
    # Block schedules (hybrid models): which mixer each block has, and which blocks are mixtures.
    mixers: tuple = ()              # one period of block mixers, repeated: 'attention', 'ssm', 'linear', 'conv',
                                    # 'attention+ssm' (side by side); () is attention in every block
    moe_offset: int = -1            # a mixture where i % moe_step == moe_offset (-1: moe_step - 1)
    moe_last: int = -1              # the last block that may be a mixture (-1: the last block; ERNIE 4.5)
    moe_listed: bool = False        # the mixtures are exactly the blocks in moe_list (Llama 4's moe_layers)
    moe_list: tuple = ()
    # What each block holds beyond attention and the MLP, as counts per block (the adapters compute them).
    ssm: int = 0                    # a state-space (Mamba) mixer: projections, convolution, A, D, dt
    ssm_norm: int = 0               # its gated norm
    ssm_bias: int = 0               # its biases (convolution, projections)
    linear: int = 0                 # a linear-attention mixer (gated delta net): projections, convolution, A, dt
    linear_norm: int = 0
    linear_bias: int = 0
    conv: int = 0                   # a short-convolution mixer (LFM2): projections and the depthwise convolution
    conv_bias: int = 0
    sinks: bool = False             # one learned attention-sink logit per head (gpt-oss)
    out_gate: bool = False          # a sigmoid gate on the attention output, from a query-sized projection
    act_params: int = 0             # learned parameters of the MLP's activation function (Apertus' xIELU)
    expert_bias: bool = False       # biases on each expert's projections (gpt-oss)
    router_bias: int = 0            # per mixture block, router parameters beyond its matrix (a bias per expert)
    note: str = ""                  # one line the count prints with the total (a vision tower left out)
    run: Run = Run()                # how the model computes (read with describe(..., run=True))


COUNT_FIELDS = tuple(f.name for f in fields(Arch) if f.name != "run")  # what an adapter's `arch` section may set
RUN_FIELDS = tuple(f.name for f in fields(Run))                       # what its `run` section may set
