"""The site's running example, typed once: the prompt whose next token the pages follow through SmolLM2-135M (the
walk down the model, the logit lens, generation with the KV cache, the weights at work, fine-tuning's before and
after, the confident prompt of the generation settings), which the ONNX export traces and the benchmark times too.
It sits in this lowest layer of data so that each of them may import it."""

CAPITAL = "The capital of France is"
