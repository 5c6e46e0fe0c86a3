"""`paramscope embed "TEXT"`: all-MiniLM-L6-v2's sentence embedding of a text, computed by our torch module.

Mean of the last layer's token vectors, scaled to length 1, as sentence-transformers does; the same vector the site's
browser widget computes from the exported model.
"""
import argparse
import json
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", help="a word, a sentence or a paragraph")
    parser.add_argument("--json", action="store_true", help='print {"model": "all-MiniLM-L6-v2", "vector": [...]}')


def run(args: argparse.Namespace) -> int:
    if not args.text.strip():
        print("paramscope embed: the text is empty: give a word or a sentence to embed", file=sys.stderr)
        return 2
    from paramscope.checkpoints import export
    from paramscope.site_commands import models
    if (mini := models.load("minilm")) is None:
        return 1
    ids = mini.encode(args.text)
    vector = export.sentence_embedding(mini.model, ids).tolist()
    if args.json:
        print(json.dumps({"model": "all-MiniLM-L6-v2", "vector": vector}))
        return 0
    print(f"all-MiniLM-L6-v2, {len(ids)} tokens, {len(vector)} numbers (length 1):")
    print(" ".join(f"{v:+.4f}" for v in vector))
    return 0
