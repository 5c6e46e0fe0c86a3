"""What the pages teach, as small pure functions over torch and numpy: sampling (temperature, top-k, top-p),
embedding tables (`word_vectors`: neighbours, analogies, a 2-D projection), training loops, distillation, routing,
LoRA, and the tiny training corpus. They build tiny models
from `paramscope.models`; they never open a model file.
"""
