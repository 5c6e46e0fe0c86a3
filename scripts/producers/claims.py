"""Claims, checked: popular statements set beside what the build computes, each verdict from one rule.

Every claim names its test: the quantity, the range the claim puts it in, where the claimed value comes from, and
the cases it is computed for. `paramscope.lessons.verdicts.verdict` turns the cases into the verdict; nothing here
chooses one.
"""
import functools

import torch

from paramscope.arch import counting, zoo
from paramscope.data import compute_budget, model_cards, popular
from paramscope.lessons.verdicts import ABOUT, Case, Range, about, at_least, between, exactly, magnitude, verdict
from paramscope.models import build_model, count
from paramscope.models.hf import from_hf
from paramscope.text import printed
from paramscope_generator.api import name_part

LAYER_MODELS = ("smollm2-135m", "llama-3-8b", "llama-3-70b", "gpt3-175b", "llama-3.1-405b")
WIDTH_MODELS = ("smollm2-135m", "llama-2-7b", "mistral-7b-v0.1", "llama-3-8b", "llama-3-70b", "gpt3-175b")
ANSWER_TOKENS = 100  # a paragraph-long answer
# Factual prompts for SmolLM2-135M-Instruct, with the first token of the right answer. Each is asked twice: as plain
# text to complete, and as the question "What is the <key>?" in the model's own chat template, its answer begun with
# the same words (an instruction-tuned model is tuned to read the chat format).
FACTS = {"capital of Canada": ("The capital of Canada is", " Ottawa"),
         "chemical symbol for gold": ("The chemical symbol for gold is", " Au"),
         "capital of Australia": ("The capital of Australia is", " Canberra"),
         "capital of Turkey": ("The capital of Turkey is", " Ank")}
GPT3_PAPER = "[the GPT-3 paper, Table 2.1](https://arxiv.org/abs/2005.14165)"
LLAMA3_CARD = f"[the Llama 3 model card]({model_cards.LLAMA3_CARD})"


def cited(text: tuple[str, str]) -> str:
    """A quoted text as the page links it: its title, linked."""
    return f"[{text[0]}]({text[1]})"


MIXTRAL_POST = zoo.get("mixtral-8x7b").published_source.rpartition(", ")[2]


def width(name: str) -> int:
    config = zoo.get(name).config
    return config.get("hidden_size") or config["n_embd"]


def claim(out, rows: list, key: str, statement: str, quantity: str, claimed: Range, source: str,
          cases: list[Case], shown=lambda v: f"{v:,}", tested: str = "") -> str:
    """Write the claim's test, its computed cases and the verdict the rule gives them; add its row to `rows`.
    `tested` names the cases when they are not models ("prompts"), for a verdict that counts them."""
    result = verdict(claimed, cases, tested)
    out.fact(f"{key}.quantity", quantity)
    out.fact(f"{key}.passes_if", claimed.words)
    out.fact(f"{key}.source", source)
    out.fact(f"{key}.computed", "; ".join(f"{c.label}: {shown(c.value)}" if c.value is not None
                                         else f"{c.label}: not published" for c in cases))
    out.fact(f"{key}.verdict", result)
    out.fact(f"{key}.statement", statement)  # the section's heading: the claim in the table's very words
    rows.append([f"[{statement}](#{key})", result])
    return result


def produce(out):
    rows = []
    out.fact("verdicts.about", f"±{ABOUT:.0%} of the claimed value")
    counts = {name: counting.count(entry.config) for name, entry in zoo.ZOO.items()}
    say = functools.partial(claim, out, rows)
    counts_claims(out, say, counts)
    shape_claims(out, say, counts)
    fc_in, fc_out = neuron_claim(out, say)
    compute_claims(out, say, counts)
    neurons_claim(out, say, counts, fc_in, fc_out)
    model_claims(out, say, counts)
    temperature_claim(out, say)
    out.table("table", ["Claim", "Verdict"], rows)


def counts_claims(out, claim, counts: dict) -> None:
    """GPT-3 has 175 billion parameters; GPT-3.5 about as many (unpublished); Mixtral runs like a 12.9B model."""
    # GPT-3 has 175 billion parameters.
    gpt3_entry = zoo.get("gpt3-175b")
    gpt3 = counts["gpt3-175b"].total
    out.fact("gpt3.claimed", printed.in_words(gpt3_entry.published))
    out.fact("gpt3.total", gpt3)
    out.fact("gpt3.billions", gpt3 / 1e9, fmt="{:.1f}")
    out.fact("gpt3.off", gpt3 / gpt3_entry.published - 1, fmt="{:+.2%}")
    claim("gpt3", f"GPT-3 has {printed.in_words(gpt3_entry.published)} parameters",
          "parameters of GPT-3 rebuilt from the shape in its paper", about(gpt3_entry.published), GPT3_PAPER,
          [Case(gpt3_entry.label, gpt3, gpt3)])

    # GPT-3.5 has about 175 billion parameters: OpenAI has published no count.
    out.fact("gpt35.claimed", printed.in_words(popular.GPT35_PARAMS))
    claim("gpt35", f"GPT-3.5 has about {printed.in_words(popular.GPT35_PARAMS)} parameters",
          "GPT-3.5's parameter count as OpenAI has published it", about(popular.GPT35_PARAMS), popular.POPULAR,
          [Case("GPT-3.5", None)])

    # Mistral AI: "Mixtral has 46.7B total parameters but only uses 12.9B parameters per token. It, therefore,
    # processes input and generates output at the same speed and for the same cost as a 12.9B model."
    mixtral_entry, mixtral = zoo.get("mixtral-8x7b"), counts["mixtral-8x7b"]
    out.fact("mixtral.claimed", printed.in_words(mixtral_entry.published_active))
    out.fact("mixtral.published_total", printed.in_words(mixtral_entry.published))
    out.fact("mixtral.active", mixtral.active)
    out.fact("mixtral.total", mixtral.total)
    out.fact("mixtral.bf16_gb", mixtral.memory["bf16"] / 1e9, fmt="{:,.0f}")
    claimed = about(mixtral_entry.published_active)
    out.check("mixtral-work-not-memory", claimed.contains(mixtral.active) and not claimed.contains(mixtral.total),
              "Mixtral's active parameters are about the claimed 12.9B, the parameters it holds are not")
    claim("mixtral", f"Mixtral 8x7B runs like a {printed.in_words(mixtral_entry.published_active)} model",
          "parameters a token passes through (the work per token), and parameters held in memory",
          claimed, f"[Mistral AI's announcement]({MIXTRAL_POST})",
          [Case("the work per token", mixtral.active), Case("the memory it needs", mixtral.total)])


def shape_claims(out, claim, counts: dict) -> None:
    """About 100 layers; 4,096 numbers per token; widths are powers of two."""
    # "About 100 layers."
    for name in LAYER_MODELS:
        out.fact(f"layers.{name}", len(counts[name].by_layer))
        out.fact(f"label.{name}", zoo.get(name).label)
    out.fact("layers.claimed", popular.LAYERS)
    claim("layers", f"Large language models have about {popular.LAYERS} layers", "layers of each model",
          about(popular.LAYERS), popular.POPULAR,
          [Case(zoo.get(n).label, len(counts[n].by_layer), counts[n].total) for n in LAYER_MODELS])

    # "Each token becomes a list of 4,096 numbers."
    for name in WIDTH_MODELS:
        out.fact(f"width.{name}", width(name))
    out.fact("width.claimed", popular.WIDTH)
    claim("width", f"An embedding is {popular.WIDTH:,} numbers", "the embedding width of each model",
          exactly(popular.WIDTH), cited(popular.MIT_TR),
          [Case(zoo.get(n).label, width(n), counts[n].total) for n in WIDTH_MODELS])

    # "... because that is a power of two": every width in the zoo.
    widths = {zoo.get(n).label: width(n) for n in zoo.ZOO}
    out.fact("power.widths", ", ".join(f"{label} {w:,}" for label, w in widths.items()))
    claim("power", "Embedding widths are powers of two", "1 if the model's width is a power of two, else 0",
          exactly(1), cited(popular.MIT_TR),
          [Case(zoo.get(n).label, int(width(n) & (width(n) - 1) == 0), counts[n].total) for n in zoo.ZOO],
          shown=lambda v: "yes" if v else "no")


def neuron_claim(out, claim) -> tuple[int, int]:
    """Each neuron holds one weight per input dimension plus one bias; GPT-2's MLP inputs and neurons."""
    gpt2 = dict(build_model(zoo.get("gpt2").config).named_parameters())
    fc_in, fc_out = gpt2["transformer.h.0.mlp.c_fc.weight"].shape  # Conv1D stores (in, out)
    gpt2_incoming = fc_in + int("transformer.h.0.mlp.c_fc.bias" in gpt2)
    smol = build_model(zoo.get("smollm2-135m").config)
    mlp = smol.model.layers[0].mlp
    smol_biases = sum(p.numel() for n, p in smol.named_parameters() if n.endswith("bias"))
    smol_incoming = mlp.gate_proj.in_features + mlp.up_proj.in_features + int(mlp.up_proj.bias is not None)
    out.fact("neuron.gpt2.inputs", fc_in)
    out.fact("neuron.gpt2.neurons", fc_out)
    out.fact("neuron.gpt2.incoming", gpt2_incoming)
    out.fact("neuron.gpt2.outgoing", gpt2["transformer.h.0.mlp.c_proj.weight"].shape[1])
    out.fact("neuron.smollm2.biases", smol_biases)
    out.fact("neuron.smollm2.incoming", smol_incoming)
    out.fact("neuron.smollm2.width", mlp.gate_proj.in_features)
    claim("neuron", "A neuron holds one weight per dimension plus one bias",
          "a neuron's incoming parameters, less the width plus one", exactly(0), popular.POPULAR,
          [Case("GPT-2 small", gpt2_incoming - (fc_in + 1)),
           Case("SmolLM2-135M", smol_incoming - (mlp.gate_proj.in_features + 1))])
    return fc_in, fc_out


def compute_claims(out, claim, counts: dict) -> None:
    """A 70B model needs about 140 GB; trillions of calculations to answer, quadrillions to train."""
    gpt3 = counts["gpt3-175b"].total
    # "A 70B model needs about 140 GB."
    c70 = counts["llama-3-70b"]
    out.fact("memory.params", c70.total)
    for fmt_name, nbytes in c70.memory.items():
        out.fact(f"memory.{fmt_name}_gb", nbytes / 1e9, fmt="{:,.0f}")
    out.fact("memory.claimed_gb", popular.LLAMA3_70B_GB["bf16"])
    claim("memory", f"A 70B model needs about {popular.LLAMA3_70B_GB['bf16']} GB",
          "bytes of Llama 3 70B's weights in bf16 (2 bytes each)", about(popular.LLAMA3_70B_GB["bf16"] * 1e9, " bytes"),
          f"[{popular.MLSYSIM.split(': ')[0]}]({popular.MLSYSIM.split(', ')[-1]})",
          [Case("Llama 3 70B", c70.memory["bf16"], c70.total)])

    # "Trillions of calculations to answer; quadrillions to train."
    per_token = compute_budget.inference_flops_per_token(gpt3)
    answer = per_token * ANSWER_TOKENS
    gpt3_run = compute_budget.run_of("gpt3-175b")
    training = compute_budget.training_flops(gpt3, gpt3_run.tokens)
    out.fact("flops.per_token", printed.in_words(per_token))
    out.fact("flops.answer_tokens", ANSWER_TOKENS)
    out.fact("flops.answer", printed.in_words(answer))
    out.fact("flops.training", printed.scientific(training))
    out.fact("flops.training_quadrillions", printed.in_words(training / compute_budget.QUADRILLION))
    flops = printed.scientific
    claim("answer", f"Answering takes {popular.ANSWER_WORD} of calculations",
          f"operations for a {ANSWER_TOKENS}-token answer from GPT-3, 2 per parameter per token",
          magnitude(popular.ANSWER_WORD), popular.POPULAR, [Case("GPT-3 175B", answer, gpt3)], shown=flops)
    claim("training", f"Training takes {popular.TRAINING_WORD} of calculations",
          "operations to train GPT-3, 6 per parameter per training token", magnitude(popular.TRAINING_WORD),
          popular.POPULAR, [Case("GPT-3 175B", training, gpt3)], shown=flops)


def neurons_claim(out, claim, counts: dict, fc_in: int, fc_out: int) -> None:
    """Neurons per layer: "tens of thousands", on the same five models as the layers claim."""
    g3 = from_hf(zoo.get("gpt3-175b").config)
    neurons = {name: count.mlp_neurons(from_hf(zoo.get(name).config)) for name in LAYER_MODELS}
    out.check("gpt3-mlp-four-times", fc_out == 4 * fc_in and neurons["gpt3-175b"] == 4 * g3.d_model,
              "GPT-3 has GPT-2's architecture, whose MLP is four times its width")
    for name, n in neurons.items():
        out.fact(f"neurons.{name}", n)
    out.fact("neurons.gpt3", neurons["gpt3-175b"])
    out.fact("neurons.gpt3_width", g3.d_model)
    claim("neurons", "A layer has tens of thousands of neurons", "MLP neurons in one layer of each model",
          between(1e4, 1e5, "tens of thousands"), popular.POPULAR,
          [Case(zoo.get(n).label, neurons[n], counts[n].total) for n in LAYER_MODELS])


def model_claims(out, claim, counts: dict) -> None:
    """Attention's weights do not grow with the words; more parameters, better predictions (the Llama 3 card)."""
    # "Attention multiplies each embedding by the weights for all other words."
    base = zoo.get("smollm2-135m").config
    attention = counts["smollm2-135m"].breakdown["attention"]
    grown = {"vocabulary × 2": {**base, "vocab_size": 2 * base["vocab_size"]},
             "context × 4": {**base, "max_position_embeddings": 4 * base["max_position_embeddings"]}}
    out.fact("words.attention", attention)
    claim("words", "Attention multiplies each embedding by weights for all other words",
          "SmolLM2's attention parameters when the words grow, as a multiple of today's", at_least(2),
          popular.POPULAR,
          [Case(label, counting.count(c).breakdown["attention"] / attention) for label, c in grown.items()],
          shown=lambda v: f"{v:g}×")
    llama_claims(out, claim, counts)


def llama_claims(out, claim, counts: dict) -> None:
    """More parameters, better predictions: the Llama 3 model card's scores."""
    for kind, scores in (("base", model_cards.LLAMA3_BASE), ("instruct", model_cards.LLAMA3_INSTRUCT)):
        won, lost = model_cards.wins(scores)
        out.fact(f"llama.{kind}.won", won)
        out.fact(f"llama.{kind}.lost", lost)
        out.fact(f"llama.{kind}.benchmarks", len(scores))
        out.fact(f"llama.{kind}.mmlu", "{} vs {}".format(*scores["MMLU (5-shot)"]))
    # "The more parameters a model has, the better it can make predictions" (OpenXcell), tested on the Llama 3 model
    # card's scores. Llama 3 70B against Llama 3 8B changes the size and keeps the training data (the same mix, the
    # same 15T+ tokens): a fair test of the claim. Llama 2 70B against Llama 3 8B changes the data as well, so it
    # can show only that size alone does not decide, not which difference does.
    out.fact("llama.times", counts["llama-2-70b"].total / counts["llama-3-8b"].total, fmt="{:.1f}")
    out.fact("llama.times_same", counts["llama-3-70b"].total / counts["llama-3-8b"].total, fmt="{:.1f}")
    out.fact("llama.tokens.llama-3", printed.in_words(compute_budget.run_of("llama-3-8b").tokens))
    out.fact("llama.tokens.llama-2", printed.in_words(compute_budget.run_of("llama-2-70b").tokens))
    pairs = {"Llama 3 70B vs 8B, same data": (
                 model_cards.against_8b(model_cards.LLAMA3_BASE, model_cards.LLAMA3_70B_BASE),
                 model_cards.against_8b(model_cards.LLAMA3_INSTRUCT, model_cards.LLAMA3_70B_INSTRUCT)),
             "Llama 2 70B vs Llama 3 8B, different data": (model_cards.LLAMA3_BASE, model_cards.LLAMA3_INSTRUCT)}
    cases = []
    for label, tables in pairs.items():
        # wins() counts (the 8B higher, the larger model higher): the larger model loses where the 8B is higher.
        lost = sum(model_cards.wins(table)[0] for table in tables)
        cases.append(Case(label, float(lost)))
    same_lost = int(cases[0].value)
    out.fact("llama.same.lost", same_lost)
    out.fact("llama.same.benchmarks", sum(len(table) for table in pairs["Llama 3 70B vs 8B, same data"]))
    out.check("llama3-70b-wins-every-benchmark", same_lost == 0,
              "Llama 3 70B scores higher than Llama 3 8B on every benchmark of the card, base and instruction-tuned")
    out.check("llama2-loses-every-instruct-benchmark",
              model_cards.wins(model_cards.LLAMA3_INSTRUCT)[0] == len(model_cards.LLAMA3_INSTRUCT),
              "the instruction-tuned Llama 3 8B beats Llama 2 70B's chat model on every benchmark of the card")
    claim("llama", "The more parameters a model has, the better it predicts",
          "benchmarks of the card's two tables (base and instruction-tuned) on which the larger model scores lower",
          exactly(0), f"{cited(popular.OPENXCELL)}; scores from {LLAMA3_CARD}", cases, shown=lambda v: f"{v:g}")


def greedy_answer(out, lm, key: str, question: str, right: str) -> None:
    """The model's own greedy answer to the question in its chat template."""
    from paramscope.checkpoints import chat
    from paramscope.lessons import sampling
    out.fact(f"temperature.{key}.question", question)
    eos = lm.config["eos_token_id"]
    answer = sampling.generate(lm.cached_next_logits(), lm.encode(chat.prompt(question)),
                               generator=torch.Generator().manual_seed(0), max_new_tokens=40,
                               stop_ids=[eos], temperature=0)
    greedy = lm.decode([i for i in answer if i != eos])
    # The page's sentence ends with the answer's own full stop.
    out.check("australia-greedy-right", right.strip() in greedy and greedy.endswith("."),
              f"greedy decoding in the chat template answers {right.strip()}, ending with a full stop")
    out.fact(f"temperature.{key}.chat.greedy", greedy)


def temperature_claim(out, claim) -> None:
    # "Lower temperature makes answers more factual": SmolLM2-135M-Instruct's own probabilities, each fact asked as
    # plain text to complete and in the model's chat template.
    from paramscope.checkpoints import chat, smollm2
    from paramscope.lessons import sampling
    lm = smollm2.load(cache=out.project.cache)
    cases, right_on_top = [], {}
    for label, (prompt, right) in FACTS.items():
        key = name_part(label)
        token = lm.encode(right)[0]
        question = f"What is the {label}?"
        for form, text in (("plain", prompt), ("chat", chat.prompt(question) + prompt)):
            logits = lm.next_token_logits(text)
            probs = sampling.process(logits, temperature=1.0)
            cold, warm = float(sampling.process(logits, temperature=0.0)[token]), float(probs[token])
            top = int(torch.argmax(logits))
            out.fact(f"temperature.{key}.{form}.warm", warm, fmt="{:.0%}")
            out.fact(f"temperature.{key}.{form}.top", lm.token(top).strip())
            out.fact(f"temperature.{key}.{form}.top_p", float(probs[top]), fmt="{:.0%}")
            cases.append(Case(f"{label}, {form}", cold - warm))
            right_on_top[key, form] = top == token
        if key == "capital-of-australia":
            greedy_answer(out, lm, key, question, right)
    # The page's sentences: Australia wrong on top as plain text, right in the chat template; Turkey wrong in both.
    out.check("australia-plain-wrong-on-top", not right_on_top["capital-of-australia", "plain"],
              "asked as plain text, the model puts a wrong capital of Australia on top")
    out.check("australia-chat-right-on-top", right_on_top["capital-of-australia", "chat"],
              "in its chat template, the model puts the right capital of Australia on top")
    out.check("turkey-chat-wrong-on-top", not right_on_top["capital-of-turkey", "chat"],
              "even in its chat template, the model puts a wrong capital of Turkey on top")
    claim("temperature", "Lower temperature makes answers more factual",
          "SmolLM2-135M-Instruct (Q4_1/Q8_0 file), each fact as plain text and in its chat template: probability of "
          "the right answer at temperature 0, less at temperature 1",
          at_least(0), popular.POPULAR, cases, shown=lambda v: printed.signed(f"{v:+.2f}"), tested="prompts")
