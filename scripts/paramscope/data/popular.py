"""The numbers popular explanations of language models quote, typed once, with where each is quoted.

Producers test these against computed values (Claims, checked; Model size); none of them is computed here.
"""

POPULAR = "popular explanations of language models, the texts this site set out to check"
MLSYSIM = ("How Much Memory Does Llama-3 70B Actually Need? (mlsysim blog): \"140 GB in FP16, 35 GB in INT4\", "
           "https://harvard-edge.github.io/cs249r_book_dev/mlsysim/blog/how-much-memory-llama3.html")

# Claims quoted from a named text: (the text, its address).
MIT_TR = ("MIT Technology Review (2026), LLMs contain a LOT of parameters. But what's a parameter?",
          "https://thenewstimes.uk/2026/01/07/llms-contain-a-lot-of-parameters-but-whats-a-parameter/")
OPENXCELL = ("OpenXcell, Understanding LLM Parameters", "https://www.openxcell.com/blog/llm-parameters/")

LAYERS = 100                       # "large language models have about 100 layers"
WIDTH = 4096                       # MIT_TR: "A common size is 4,096", "4,096 is a power of two"
LLAMA3_70B_GB = {"bf16": 140, "int4": 35}  # MLSYSIM
GPT35_PARAMS = 175e9               # "GPT-3.5 has about 175 billion parameters"
ANSWER_WORD = "trillions"          # "answering takes trillions of calculations"
TRAINING_WORD = "quadrillions"     # "training takes quadrillions"
