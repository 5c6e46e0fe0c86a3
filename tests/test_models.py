"""Our model families against Hugging Face transformers: same state_dict keys and shapes, same outputs."""
import pytest
import torch
import transformers

from paramscope.models import build_model, capture, init_weights

# Small odd shapes no published model has: odd vocab, GQA groups, explicit head_dim, biases, untied heads.
SMALL = {
    "gpt2": dict(model_type="gpt2", vocab_size=97, n_embd=36, n_layer=2, n_head=3, n_positions=19),
    "gpt2-n_inner": dict(model_type="gpt2", vocab_size=97, n_embd=36, n_layer=1, n_head=4, n_positions=16,
                         n_inner=50),
    "bert": dict(model_type="bert", vocab_size=97, hidden_size=36, num_hidden_layers=2, num_attention_heads=3,
                 intermediate_size=50, max_position_embeddings=23, type_vocab_size=3),
    "llama-tied-gqa": dict(model_type="llama", vocab_size=97, hidden_size=48, num_hidden_layers=2,
                           num_attention_heads=6, num_key_value_heads=2, intermediate_size=50,
                           tie_word_embeddings=True, rope_theta=1e5),
    "llama-biases": dict(model_type="llama", vocab_size=97, hidden_size=40, num_hidden_layers=2,
                         num_attention_heads=5, intermediate_size=66, attention_bias=True, mlp_bias=True),
    "llama-head_dim": dict(model_type="llama", vocab_size=97, hidden_size=40, num_hidden_layers=1,
                           num_attention_heads=4, num_key_value_heads=1, head_dim=12, intermediate_size=30),
    "mistral-window": dict(model_type="mistral", vocab_size=97, hidden_size=32, num_hidden_layers=2,
                           num_attention_heads=4, num_key_value_heads=2, intermediate_size=50, sliding_window=3),
    "qwen2": dict(model_type="qwen2", vocab_size=97, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                  num_key_value_heads=2, intermediate_size=50, tie_word_embeddings=True),
    "phi3": dict(model_type="phi3", vocab_size=97, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                 num_key_value_heads=2, intermediate_size=50, pad_token_id=0),
    "gemma2": dict(model_type="gemma2", vocab_size=97, hidden_size=32, num_hidden_layers=3, num_attention_heads=4,
                   num_key_value_heads=2, head_dim=10, intermediate_size=50, sliding_window=3,
                   query_pre_attn_scalar=12, pad_token_id=0),
    "mixtral": dict(model_type="mixtral", vocab_size=97, hidden_size=32, num_hidden_layers=2,
                    num_attention_heads=4, num_key_value_heads=2, intermediate_size=30, num_local_experts=5,
                    num_experts_per_tok=2),
    "deepseek_v3": dict(model_type="deepseek_v3", vocab_size=97, hidden_size=32, num_hidden_layers=3,
                        num_attention_heads=4, num_key_value_heads=4, intermediate_size=50, moe_intermediate_size=12,
                        n_routed_experts=8, num_experts_per_tok=3, n_group=4, topk_group=2, n_shared_experts=2,
                        first_k_dense_replace=1, q_lora_rank=20, kv_lora_rank=16, qk_rope_head_dim=4,
                        qk_nope_head_dim=6, v_head_dim=5),
    "deepseek_v3-no-q-lora": dict(model_type="deepseek_v3", vocab_size=97, hidden_size=32, num_hidden_layers=2,
                                  num_attention_heads=2, num_key_value_heads=2, intermediate_size=50,
                                  moe_intermediate_size=12, n_routed_experts=4, num_experts_per_tok=2, n_group=2,
                                  topk_group=1, first_k_dense_replace=0, q_lora_rank=None, kv_lora_rank=16,
                                  qk_rope_head_dim=4, qk_nope_head_dim=6, v_head_dim=5, rope_interleave=False),
}


def reference(cfg: dict, device: str) -> torch.nn.Module:
    """transformers' own model for a config dict: BertModel for bert, the causal LM otherwise."""
    kw = {k: v for k, v in cfg.items() if k != "model_type"}
    hf_config = transformers.AutoConfig.for_model(cfg["model_type"], attn_implementation="eager",
                                                   experts_implementation="eager", **kw)
    with torch.device(device):
        if cfg["model_type"] == "bert":
            return transformers.BertModel(hf_config)
        return transformers.AutoModelForCausalLM.from_config(hf_config)


@pytest.mark.parametrize("name", SMALL)
def test_state_dict_keys_and_shapes_match_transformers(name):
    cfg = SMALL[name]
    ours = {k: tuple(v.shape) for k, v in build_model(cfg).state_dict().items()}
    theirs = {k: tuple(v.shape) for k, v in reference(cfg, "meta").state_dict().items()}
    assert ours == theirs


@pytest.mark.parametrize("name", SMALL)
def test_forward_matches_transformers(name):
    cfg = SMALL[name]
    torch.manual_seed(0)
    ours = init_weights(build_model(cfg, "cpu"), std=0.2).eval()
    if name.startswith("deepseek"):  # a non-zero correction bias exercises the group-limited choice
        for m in ours.modules():
            if hasattr(m, "e_score_correction_bias"):
                m.e_score_correction_bias.copy_(torch.randn(m.e_score_correction_bias.shape) * 0.1)
    hf = reference(cfg, "cpu").eval()
    hf.load_state_dict(ours.state_dict(), strict=True)
    ids = torch.randint(0, cfg["vocab_size"], (2, 9), generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        if cfg["model_type"] == "bert":
            mask = torch.ones_like(ids)
            mask[1, 6:] = 0
            out = hf(ids, attention_mask=mask)
            got = ours(ids, attention_mask=mask)
            assert (got - out.last_hidden_state)[mask.bool()].abs().max() < 1e-4
            assert (ours.pooled - out.pooler_output).abs().max() < 1e-4
        else:
            assert (ours(ids) - hf(ids).logits).abs().max() < 1e-4


@pytest.mark.parametrize("name", ["llama-tied-gqa", "bert", "gemma2"])
def test_hidden_states_match_transformers(name):
    cfg = SMALL[name]
    ours = init_weights(build_model(cfg, "cpu"), std=0.2).eval()
    hf = reference(cfg, "cpu").eval()
    hf.load_state_dict(ours.state_dict())
    ids = torch.randint(0, cfg["vocab_size"], (2, 7), generator=torch.Generator().manual_seed(2))
    with torch.no_grad():
        with capture.residual_stream(ours) as mine:
            ours(ids)
        theirs = hf(ids, output_hidden_states=True).hidden_states
    assert len(mine) == len(theirs)
    for a, b in zip(mine, theirs):
        assert (a - b).abs().max() < 1e-4


@pytest.mark.parametrize("name", ["gpt2", "bert", "deepseek_v3", "llama-tied-gqa", "mistral-window", "gemma2"])
def test_attention_weights_match_transformers(name):
    """capture.attention_weights reads every family's weights: transformers' eager `output_attentions`, one
    (B, heads, T, S) tensor per layer, with causal masks, a sliding window, soft-capping and BERT's padding."""
    cfg = SMALL[name]
    ours = init_weights(build_model(cfg, "cpu"), std=0.2).eval()
    hf = reference(cfg, "cpu").eval()
    hf.load_state_dict(ours.state_dict())
    ids = torch.randint(0, cfg["vocab_size"], (2, 8), generator=torch.Generator().manual_seed(4))
    kw = {}
    if cfg["model_type"] == "bert":
        kw["attention_mask"] = torch.ones_like(ids)
        kw["attention_mask"][1, 5:] = 0  # padding: no query may see these keys
    with torch.no_grad():
        with capture.attention_weights(ours) as mine:
            ours(ids, **kw)
        theirs = hf(ids, output_attentions=True, **kw).attentions
    assert len(mine) == len(theirs) == cfg.get("num_hidden_layers", cfg.get("n_layer"))
    for a, b in zip(mine, theirs):
        assert a.shape == b.shape == (2, cfg.get("num_attention_heads", cfg.get("n_head")), 8, 8)
        assert (a - b).abs().max() < 1e-5
    if cfg["model_type"] == "bert":
        assert all(w[1, :, :, 5:].max() == 0 for w in mine)
    else:
        assert all(w.triu(1).max() == 0 for w in mine)


def test_moe_routing_and_balancing_loss_match_transformers():
    from paramscope.models.moe import load_balancing_loss
    cfg = SMALL["mixtral"]
    ours = init_weights(build_model(cfg, "cpu"), std=0.2).eval()
    hf = reference(cfg, "cpu").eval()
    hf.load_state_dict(ours.state_dict())
    ids = torch.randint(0, cfg["vocab_size"], (2, 9), generator=torch.Generator().manual_seed(3))
    with torch.no_grad(), capture.routing(ours) as routings:
        ours(ids)
    with torch.no_grad():
        out = hf(ids, output_router_logits=True)
    assert len(routings) == len(out.router_logits) == cfg["num_hidden_layers"]
    for r, logits in zip(routings, out.router_logits):
        assert (r.logits - logits).abs().max() < 1e-5
        assert r.experts.shape == (2 * 9, cfg["num_experts_per_tok"])
        assert torch.allclose(r.weights.sum(-1), torch.ones(2 * 9))
    from transformers.models.mixtral.modeling_mixtral import load_balancing_loss_func
    expected = load_balancing_loss_func(out.router_logits, cfg["num_local_experts"], cfg["num_experts_per_tok"])
    got = load_balancing_loss(routings, cfg["num_local_experts"], cfg["num_experts_per_tok"])
    assert abs(got.item() - expected.item()) < 1e-5
