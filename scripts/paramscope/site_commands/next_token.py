"""`paramscope next-token "PROMPT"`: SmolLM2's probabilities for the token after the raw prompt.

The prompt is tokenized as is: no BOS token and no chat template, as the model file's metadata says.
"""
import argparse
import json
import sys

import torch


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("prompt", help="raw text; the model sees exactly these characters")
    parser.add_argument("--json", action="store_true",
                        help='print {"tokens": [{"token", "id", "p"}, ...], "kept": N}')
    parser.add_argument("--show", type=int, default=20, metavar="N", help="how many of the most likely tokens to list")
    parser.add_argument("--temperature", type=float, default=1.0, metavar="T",
                        help="divide the logits by T (0: argmax)")
    parser.add_argument("--top-k", type=int, default=None, metavar="K", help="keep the K most likely tokens")
    parser.add_argument("--top-p", type=float, default=None, metavar="P", help="keep the smallest set with mass >= P")
    parser.add_argument("--min-p", type=float, default=None, metavar="M",
                        help="keep tokens with p >= M times the top token's p")


def distribution(logits: torch.Tensor, args: argparse.Namespace) -> torch.Tensor:
    """Probabilities (V,) after the sampling settings, applied by paramscope.lessons.sampling in its documented
    order."""
    from paramscope.lessons import sampling
    return sampling.process(logits, temperature=args.temperature, top_k=args.top_k, top_p=args.top_p,
                            min_p=args.min_p)


def top_tokens(lm, probs: torch.Tensor, n: int) -> list[dict]:
    """The n most likely tokens with p > 0, most likely first (equal p: lower id first)."""
    order = torch.sort(probs, descending=True, stable=True).indices[:n]
    return [{"token": lm.token(int(i)), "id": int(i), "p": float(probs[i])} for i in order if probs[i] > 0]


def run(args: argparse.Namespace) -> int:
    from paramscope.lessons import sampling
    try:
        sampling.validate(temperature=args.temperature, top_k=args.top_k, top_p=args.top_p, min_p=args.min_p)
        if args.show < 1:
            raise ValueError(f"--show must be an integer >= 1, got {args.show}")
        if not args.prompt:
            raise ValueError("the prompt is empty: the model needs at least one token to predict the next")
    except ValueError as e:
        print(f"paramscope next-token: {e}", file=sys.stderr)
        return 2
    from paramscope.site_commands import models
    if (lm := models.load("smollm2")) is None:
        return 1
    probs = distribution(lm.next_token_logits(args.prompt), args)
    tokens = top_tokens(lm, probs, args.show)
    kept = int((probs > 0).sum())
    if args.json:
        print(json.dumps({"tokens": tokens, "kept": kept}, ensure_ascii=False))
        return 0
    print(f"{len(lm.encode(args.prompt))} prompt tokens; {kept:,} of {probs.numel():,} tokens kept")
    width = max(len(repr(t["token"])) for t in tokens)
    for rank, t in enumerate(tokens, 1):
        print(f"{rank:>3}  {repr(t['token']):<{width}}  id {t['id']:>6}  p {t['p']:.4f}")
    return 0
