"""The Attention page's worked example against torch's own attention and against the arithmetic done by hand."""
import importlib.util
import math
from pathlib import Path

import torch
import torch.nn.functional as F

from paramscope.lessons.attention import attend
from paramscope_generator.producer.output import Output

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("toyattention", ROOT / "scripts" / "producers" / "toyattention.py")
toy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(toy)


def test_matches_torch_scaled_dot_product_attention():
    q, k, v = (torch.tensor(x, dtype=torch.float64) for x in (toy.QUERY, toy.KEYS, toy.VALUES))
    for scale in (1.0, 1 / math.sqrt(len(toy.QUERY))):  # the page's (unscaled) scores and the models' 1/√d
        a = attend(q, k, v, scale=scale)
        expected = F.scaled_dot_product_attention(q[None, None, None], k[None, None], v[None, None], scale=scale)
        assert torch.allclose(a.output, expected[0, 0, 0], atol=1e-12)
        assert torch.allclose(a.shares, F.softmax(k @ q * scale, dim=-1), atol=1e-12)


def test_matches_the_arithmetic_by_hand():
    scores = [toy.QUERY[0] * k0 + toy.QUERY[1] * k1 for k0, k1 in toy.KEYS]
    assert scores == [-1.0, 3.0, 1.0]
    exps = [math.exp(s) for s in scores]
    shares = [e / sum(exps) for e in exps]
    output = [sum(p * v[i] for p, v in zip(shares, toy.VALUES)) for i in range(2)]
    a = attend(*(torch.tensor(x, dtype=torch.float64) for x in (toy.QUERY, toy.KEYS, toy.VALUES)))
    assert all(abs(x - y) < 1e-12 for x, y in zip(a.shares.tolist(), shares))
    assert all(abs(x - y) < 1e-12 for x, y in zip(a.output.tolist(), output))


def test_producer_states_what_the_page_says(tmp_path):
    out = Output("toyattention", tmp_path)
    toy.produce(out)
    manifest = out.manifest()
    assert manifest["facts"]["top.token"]["value"] == "cat"
    out.verify()  # every check holds
    assert set(manifest["checks"]) == {"shares-sum-to-one", "best-match-dominates"}
    rows = manifest["tables"]["steps"]["rows"]
    assert abs(rows[-1][4] - 1) < 1e-12  # the shares' sum row


def test_head_patterns_by_hand():
    """One layer, two heads over three tokens, maps written out: head 0 looks at the first token, head 1 at the token
    before (each row sums to one, causal)."""
    from paramscope.lessons.attention import head_patterns

    first = torch.tensor([[1.0, 0, 0], [1.0, 0, 0], [1.0, 0, 0]])
    before = torch.tensor([[1.0, 0, 0], [1.0, 0, 0], [0, 1.0, 0]])
    heads = head_patterns(torch.stack([first, before])[None], query=2, key=1)
    assert heads["first"].tolist() == [[1.0, 0.5]]      # queries 1 and 2 on token 0: (1 + 1) / 2 and (1 + 0) / 2
    assert heads["previous"].tolist() == [[0.5, 1.0]]   # (1 + 0) / 2 on the token before; (1 + 1) / 2
    assert heads["pair"].tolist() == [[0.0, 1.0]]
