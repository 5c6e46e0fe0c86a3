"""`paramscope attention "PROMPT"`: who attends to whom in SmolLM2, in every layer and head, for a short raw text.

The text is tokenized as `next-token` tokenizes it (no BOS token, no chat template); the weights are the softmax of
each head, computed by our torch module, the numbers the Attention page's heat map shows.
"""
import argparse
import json
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("prompt", help="raw text of at most 128 tokens")
    parser.add_argument("--json", action="store_true",
                        help='print {"tokens": [...], "ids": [...], "attention": [layer][head][query][key]}')


def run(args: argparse.Namespace) -> int:
    if not args.prompt:
        print("paramscope attention: the prompt is empty: give a word or a sentence", file=sys.stderr)
        return 2
    import torch

    from paramscope.site_commands import models
    torch.set_num_threads(1)  # as the producers run: small matmuls, and a busy two-core machine
    if (lm := models.load("smollm2")) is None:
        return 1
    ids = lm.encode(args.prompt)
    try:
        weights = lm.attention(ids)  # (L, n_head, T, T)
    except ValueError as e:
        print(f"paramscope attention: {e}", file=sys.stderr)
        return 2
    tokens = [lm.token(i) for i in ids]
    if args.json:
        print(json.dumps({"tokens": tokens, "ids": ids, "attention": weights.tolist()}, ensure_ascii=False))
        return 0
    L, H, T, _ = weights.shape
    print(f"{T} tokens, {L} layers x {H} heads; the key each head's last query ({tokens[-1]!r}) attends to most:")
    last = weights[:, :, -1]  # (L, H, T)
    for layer in range(L):
        best = last[layer].max(dim=-1)
        cells = "  ".join(f"{tokens[int(k)]!r:>10} {float(w):.2f}" for w, k in zip(best.values, best.indices))
        print(f"layer {layer + 1:>2}  {cells}")
    return 0
