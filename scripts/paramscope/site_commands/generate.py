"""`paramscope generate "PROMPT"`: sample a continuation from SmolLM2, reproducibly for a given seed."""
import argparse
import json
import sys

from paramscope.lessons import sampling


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("prompt", help="raw text to continue (no chat template)")
    # Numbers are read as text and converted in run(), so a bad value gives one line, not argparse's usage block.
    parser.add_argument("--temperature", default="1.0", metavar="T", help="0 = greedy (default 1.0)")
    parser.add_argument("--top-k", default=None, metavar="K", help="keep the K most likely tokens (integer >= 1)")
    parser.add_argument("--top-p", default=None, metavar="P",
                        help="keep the most likely tokens up to mass P, in [0, 1]")
    parser.add_argument("--min-p", default=None, metavar="M", help="keep tokens >= M x the top probability, in [0, 1]")
    parser.add_argument("--seed", default="0", metavar="S", help="seed of the random generator (default 0)")
    parser.add_argument("--max-new-tokens", default="30", metavar="N", help="tokens to sample at most (default 30)")
    parser.add_argument("--json", action="store_true", help="print the tokens and settings as JSON")


def number(name: str, text: str | None, kind: type):
    if text is None:
        return None
    try:
        return kind(text)
    except ValueError:
        raise ValueError(f"{name} must be {'an integer' if kind is int else 'a number'}, got {text!r}") from None


def settings_from(args: argparse.Namespace) -> tuple[dict, int, int]:
    """(sampling settings, seed, max_new_tokens) from the command line; ValueError with one line if any is bad."""
    settings = dict(temperature=number("temperature", args.temperature, float), top_k=number("top-k", args.top_k, int),
                    top_p=number("top-p", args.top_p, float), min_p=number("min-p", args.min_p, float))
    sampling.validate(**settings)
    seed = number("seed", args.seed, int)
    max_new = number("max-new-tokens", args.max_new_tokens, int)
    if max_new < 1:
        raise ValueError(f"max-new-tokens must be an integer >= 1, got {max_new}")
    return settings, seed, max_new


def run(args: argparse.Namespace) -> int:
    try:
        settings, seed, max_new = settings_from(args)
    except ValueError as e:
        print(f"paramscope generate: {e}", file=sys.stderr)
        return 2
    import torch  # after validation: a bad value is reported without loading torch or the model

    from paramscope.site_commands import models

    # One thread, as the producers run: a one-token step is a few hundred small matmuls, and on a busy machine a
    # second thread mostly waits for the first (several times slower on a shared two-core box).
    torch.set_num_threads(1)
    if (lm := models.load("smollm2")) is None:
        return 1
    ids = lm.encode(args.prompt)
    if not ids:
        print("paramscope generate: prompt is empty", file=sys.stderr)
        return 2
    generator = torch.Generator().manual_seed(seed)
    eos = lm.config["eos_token_id"]
    new = sampling.generate(lm.cached_next_logits(), ids, generator=generator, max_new_tokens=max_new,
                            stop_ids=[eos], **settings)
    continuation = lm.decode([t for t in new if t != eos])
    if args.json:
        print(json.dumps({
            "prompt": args.prompt, "continuation": continuation, "seed": seed, "max_new_tokens": max_new,
            "settings": settings, "stopped": "eos" if new and new[-1] == eos else "length",
            "tokens": [{"id": t, "text": lm.token(t)} for t in new],
        }, ensure_ascii=False, indent=2))
    else:
        print(args.prompt + continuation)
    return 0
