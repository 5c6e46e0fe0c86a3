"""SmolLM2-135M-Instruct's own chat template, read from its GGUF file and rendered the way the model was tuned to
read a conversation (as transformers' apply_chat_template renders it)."""
from functools import cache

import gguf
from jinja2.sandbox import ImmutableSandboxedEnvironment

from paramscope.checkpoints import modelfiles


@cache
def template() -> str:
    """The Jinja template the file stores under tokenizer.chat_template."""
    reader = gguf.GGUFReader(modelfiles.locate(modelfiles.SMOLLM2_GGUF))
    return bytes(reader.fields["tokenizer.chat_template"].parts[-1]).decode()


def prompt(question: str) -> str:
    """The question as one user turn (the template adds its default system prompt), up to the assistant's answer."""
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
    return env.from_string(template()).render(messages=[{"role": "user", "content": question}],
                                              add_generation_prompt=True)
