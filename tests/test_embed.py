"""Real embedders, offline: the bundled USE model and a tiny sentence-transformers model built in the test."""
import numpy as np
import pytest

from conftest import SEED
from index.build import build
from index.embed import SentenceTransformerEmbedder, UseEmbedder
from index.retrieve import Searcher

pytestmark = pytest.mark.slow


def test_use_embedder_is_real_and_normalized():
    e = UseEmbedder()
    v = e.embed_documents(["消防安全专项经费", "安全办消防专项资金", "我喜欢吃苹果"])
    assert v.shape == (3, 512) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > 0.6 > v[0] @ v[2]
    assert np.allclose(e.embed_query("消防安全专项经费"), v[0], atol=1e-5)
    assert e.embed_documents([]).shape == (0, 512)


def tiny_sentence_transformer(path):
    """A StaticEmbedding model over a character tokenizer made in code, saved to ``path``."""
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, StaticEmbedding
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    chars = sorted({c for c in SEED.read_text(encoding="utf-8") if not c.isspace()})
    vocab = {"[UNK]": 0, **{c: i + 1 for i, c in enumerate(chars)}}
    tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
    tok.normalizer = normalizers.NFKC()
    tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Whitespace(),
                                                 pre_tokenizers.Split("", behavior="isolated")])
    weights = torch.randn(len(vocab), 32, generator=torch.Generator().manual_seed(0))
    model = SentenceTransformer(modules=[StaticEmbedding(tok, embedding_weights=weights), Normalize()], device="cpu")
    model.save(str(path))
    return path


def test_sentence_transformers_backend_by_path(home, tmp_path, monkeypatch):
    from index import embed

    path = tiny_sentence_transformer(tmp_path / "tiny-model")
    e = SentenceTransformerEmbedder(str(path))
    assert (e.name, e.dimension) == ("st:tiny-model", 32)
    v = e.embed_documents(["消防安全", "消防安全", "居民满意度"])
    assert v.shape == (3, 32) and np.allclose(v[0], v[1])

    # Chosen by configuration, it builds and serves the vector index.
    monkeypatch.setenv("JX_EMBED_MODEL", str(path))
    monkeypatch.setitem(embed._CACHE, str(path), e)
    from index.config import load_config

    config = load_config()
    (config.reports / SEED.name).write_bytes(SEED.read_bytes())
    summary = build(config)
    assert (summary.vectors.embedder, summary.vectors.total) == ("st:tiny-model", 1282)
    hits = Searcher(config).search("消防实事项目经费的全年预算数", k=3, mode="dense")
    assert len(hits) == 3
