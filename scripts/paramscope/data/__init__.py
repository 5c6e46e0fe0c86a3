"""Published numbers the build cannot compute, each typed once with its source: accelerators' memory
(`accelerators`), training runs' tokens and the compute rules of thumb (`compute_budget`), fitted scaling laws
(`scaling_laws`), model cards' benchmarks and training costs (`model_cards`), the numbers popular explanations
quote (`popular`), and the running example's prompt (`prompts`), which pages, the ONNX export and the benchmark
share. Producers compare and sum these, never retype them; nothing here is computed from a model.
"""
