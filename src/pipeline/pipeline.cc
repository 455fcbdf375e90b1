#include "copytrail/pipeline.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <thread>

#include "pipeline/similarity_matrix.h"

namespace copytrail {
namespace {

struct Batch {
  std::vector<Document> docs;
  std::vector<DocFeatures> features;
};

// Reads, sketches and collects every document; text lives only inside one batch.
Status Ingest(DocumentSource* source, const ScanOptions& options, int threads, Corpus* corpus,
              const ProgressFn& progress) {
  constexpr size_t kBatchBytes = 4 << 20, kBatchDocs = 512;
  tbb::enumerable_thread_specific<SketchScratch> scratch;
  bool done = false;
  tbb::parallel_pipeline(
      static_cast<size_t>(threads) * 2 + 2,
      tbb::make_filter<void, Batch*>(
          tbb::filter_mode::serial_in_order,
          [&](tbb::flow_control& fc) -> Batch* {
            if (done) {
              fc.stop();
              return nullptr;
            }
            auto batch = std::make_unique<Batch>();
            size_t bytes = 0;
            Document doc;
            while (batch->docs.size() < kBatchDocs && bytes < kBatchBytes) {
              if (!source->Next(&doc)) {
                done = true;
                break;
              }
              bytes += doc.text.size();
              batch->docs.push_back(std::move(doc));
            }
            if (progress) progress(source->stats().documents, source->stats().bytes);
            if (batch->docs.empty()) {
              fc.stop();
              return nullptr;
            }
            return batch.release();
          }) &
          tbb::make_filter<Batch*, Batch*>(
              tbb::filter_mode::parallel,
              [&](Batch* batch) {
                auto& local = scratch.local();
                batch->features.resize(batch->docs.size());
                for (size_t i = 0; i < batch->docs.size(); ++i) {
                  SketchDocument(batch->docs[i], options.sketch, &local, &batch->features[i]);
                  std::string().swap(batch->docs[i].text);
                }
                return batch;
              }) &
          tbb::make_filter<Batch*, void>(tbb::filter_mode::serial_in_order, [&](Batch* batch) {
            std::unique_ptr<Batch> owned(batch);
            for (auto& f : batch->features) corpus->Add(std::move(f));
          }));
  return source->status();
}

// Groups identical texts; returns one representative per group (its first document) and
// appends a star of exact pairs per group.
std::vector<DocId> ExactGroups(const Corpus& corpus, std::vector<ScoredPair>* pairs,
                               uint64_t* duplicates) {
  std::vector<DocId> order;
  for (DocId d = 0; d < corpus.size(); ++d)
    if (!corpus.empty_document(d)) order.push_back(d);
  tbb::parallel_sort(order.begin(), order.end(), [&](DocId x, DocId y) {
    const auto &hx = corpus.info(x).exact_hash, &hy = corpus.info(y).exact_hash;
    return hx != hy ? hx < hy : x < y;
  });
  std::vector<DocId> reps;
  for (size_t i = 0; i < order.size();) {
    size_t j = i + 1;
    while (j < order.size() && corpus.info(order[j]).exact_hash == corpus.info(order[i]).exact_hash) {
      PairMeasures m;
      m.exact = true;
      m.jaccard = m.cosine = m.containment_ab = m.containment_ba = 1;
      m.shingle_cont_ab = m.shingle_cont_ba = 1;
      pairs->push_back({order[i], order[j], Relation::kExact, m});
      ++*duplicates;
      ++j;
    }
    reps.push_back(order[i]);
    i = j;
  }
  std::sort(reps.begin(), reps.end());
  return reps;
}

// Sentence sets of recently used documents. Candidate pairs come sorted by their first
// document, so one entry per thread already saves most re-reads.
class SentenceCache {
 public:
  // The returned pointer stays valid until the second next call (least recently used eviction).
  Result<const SentenceSets*> Get(DocId d, const DocumentSource& source, const Corpus& corpus) {
    ++clock_;
    for (auto& e : entries_) {
      if (e.doc == d) {
        e.used = clock_;
        return &e.sets;
      }
    }
    auto text = source.Fetch(corpus.info(d).where);
    if (!text.ok()) return text.status();
    Entry& e = *std::min_element(entries_.begin(), entries_.end(),
                                 [](const Entry& x, const Entry& y) { return x.used < y.used; });
    Analyze(*text, &analyzed_);
    BuildSentenceSets(analyzed_, &e.sets);
    e.doc = d;
    e.used = clock_;
    return &e.sets;
  }

 private:
  struct Entry {
    DocId doc = ~DocId{0};
    uint64_t used = 0;
    SentenceSets sets;
  };
  std::array<Entry, 4> entries_;
  uint64_t clock_ = 0;
  AnalyzedText analyzed_;
};

Status Verify(const Corpus& corpus, const DocumentSource& source,
              const std::vector<CandidatePair>& candidates, const VerifyOptions& options,
              std::vector<ScoredPair>* out) {
  std::mutex mu;
  Status failure;
  tbb::enumerable_thread_specific<SentenceCache> caches;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, candidates.size(), 256), [&](auto range) {
    std::vector<ScoredPair> local;
    SentenceCache& cache = caches.local();
    for (size_t i = range.begin(); i < range.end(); ++i) {
      auto [a, b] = candidates[i];
      PairMeasures m = Measure(corpus, a, b);
      if (NeedsAlignment(m, options)) {
        auto sa = cache.Get(a, source, corpus);
        auto sb = sa.ok() ? cache.Get(b, source, corpus) : sa;
        if (!sa.ok() || !sb.ok()) {
          std::lock_guard lock(mu);
          failure = sa.ok() ? sb.status() : sa.status();
          return;
        }
        m.aligned_ab = AlignedFraction(**sa, **sb, corpus, options.sentence_overlap);
        m.aligned_ba = AlignedFraction(**sb, **sa, corpus, options.sentence_overlap);
      }
      Relation r = Classify(m, options);
      if (r != Relation::kNone) local.push_back({a, b, r, m});
    }
    std::lock_guard lock(mu);
    out->insert(out->end(), local.begin(), local.end());
  });
  return failure;
}

}  // namespace

Status ScanOptions::Validate() const {
  COPYTRAIL_RETURN_IF_ERROR(sketch.Validate());
  COPYTRAIL_RETURN_IF_ERROR(lsh.Validate());
  COPYTRAIL_RETURN_IF_ERROR(verify.Validate());
  if (threads < 0) return Status::InvalidArgument("--threads must be >= 0, got " + std::to_string(threads));
  return Status::Ok();
}

Result<ScanResult> Scan(DocumentSource* source, const ScanOptions& options, Reporter* reporter,
                        const ProgressFn& progress) {
  COPYTRAIL_RETURN_IF_ERROR(options.Validate());
  int threads = options.threads > 0 ? options.threads
                                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);

  ScanResult result;
  Corpus& corpus = result.corpus;
  COPYTRAIL_RETURN_IF_ERROR(Ingest(source, options, threads, &corpus, progress));
  result.stats.read = source->stats();
  corpus.Finalize();
  for (DocId d = 0; d < corpus.size(); ++d) {
    if (!corpus.empty_document(d)) continue;
    ++result.stats.empty_documents;
    std::string where = source->DisplayName(corpus.info(d).where);
    if (corpus.info(d).where.line > 0) where.append(":").append(std::to_string(corpus.info(d).where.line));
    reporter->Warning(where, Status::InvalidArgument("document '" + corpus.info(d).id +
                                              "' has no words; counted but not clustered"));
  }

  std::vector<ScoredPair> related;
  std::vector<DocId> reps = ExactGroups(corpus, &related, &result.stats.exact_duplicates);
  std::vector<CandidatePair> candidates = LshCandidates(corpus, reps, options.lsh, &result.stats.candidates);
  if (options.paraphrase) {
    std::vector<CandidatePair> more;
    if (reps.size() <= options.dense_matrix_limit) {
      result.stats.dense_matrix = true;
      more = AllPairsAboveCosine(corpus, reps, options.verify.paraphrase_cosine * 0.8);
      result.stats.candidates.paraphrase_pairs = more.size();
    } else {
      more = ParaphraseCandidates(corpus, reps, options.paraphrase_candidates, &result.stats.candidates);
    }
    candidates.insert(candidates.end(), more.begin(), more.end());
    tbb::parallel_sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  }
  result.stats.verified_pairs = candidates.size();
  COPYTRAIL_RETURN_IF_ERROR(Verify(corpus, *source, candidates, options.verify, &related));
  std::sort(related.begin(), related.end(), [](const ScoredPair& x, const ScoredPair& y) {
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });

  result.clusters = BuildClusters(corpus, related, options.cluster, &result.stats.cluster);
  std::vector<int64_t> cluster_of(corpus.size(), -1);
  for (size_t c = 0; c < result.clusters.size(); ++c)
    for (DocId d : result.clusters[c]) cluster_of[d] = static_cast<int64_t>(c);
  for (const ScoredPair& p : related)
    if (cluster_of[p.a] >= 0 && cluster_of[p.a] == cluster_of[p.b]) result.pairs.push_back(p);
  result.stats.related_pairs = result.pairs.size();

  result.lineages.resize(result.clusters.size());
  tbb::parallel_for(size_t{0}, result.clusters.size(), [&](size_t c) {
    result.lineages[c] = BuildLineage(corpus, result.clusters[c], options.lineage);
  });
  return result;
}

}  // namespace copytrail
