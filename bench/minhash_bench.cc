// MinHash variants over shingle hashes: one-permutation hashing with densification (used) vs
// classic K-permutation MinHash (reference). Both must estimate the same Jaccard before timing.
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>

#include "copytrail/minhash.h"

namespace {

std::vector<uint64_t> Shingles(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<uint64_t> v(n);
  for (auto& x : v) x = rng();
  return v;
}

bool EstimatorsAgree() {
  auto a = Shingles(2000, 1), b = a;
  for (size_t i = 0; i < b.size(); i += 2) b[i] ^= 0x5bd1e995;  // J = 1/3
  copytrail::Signature oa, ob, ka, kb;
  copytrail::ComputeSignature(a.data(), a.size(), &oa);
  copytrail::ComputeSignature(b.data(), b.size(), &ob);
  copytrail::ComputeSignatureKPerm(a.data(), a.size(), &ka);
  copytrail::ComputeSignatureKPerm(b.data(), b.size(), &kb);
  double truth = 1.0 / 3;
  return std::abs(copytrail::EstimateJaccard(oa, ob) - truth) < 0.15 &&
         std::abs(copytrail::EstimateJaccard(ka, kb) - truth) < 0.15;
}

template <void (*Sketch)(const uint64_t*, size_t, copytrail::Signature*)>
void BM_Signature(benchmark::State& state) {
  if (!EstimatorsAgree()) state.SkipWithError("estimators disagree with the true Jaccard");
  auto shingles = Shingles(static_cast<size_t>(state.range(0)), 7);
  copytrail::Signature sig;
  for (auto _ : state) {
    Sketch(shingles.data(), shingles.size(), &sig);
    benchmark::DoNotOptimize(sig);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK_TEMPLATE(BM_Signature, copytrail::ComputeSignature)->ArgName("shingles")->Arg(100)->Arg(500)->Arg(5000);
BENCHMARK_TEMPLATE(BM_Signature, copytrail::ComputeSignatureKPerm)->ArgName("shingles")->Arg(100)->Arg(500)->Arg(5000);

void BM_EstimateJaccard(benchmark::State& state) {
  auto a = Shingles(500, 1), b = Shingles(500, 2);
  copytrail::Signature sa, sb;
  copytrail::ComputeSignature(a.data(), a.size(), &sa);
  copytrail::ComputeSignature(b.data(), b.size(), &sb);
  for (auto _ : state) benchmark::DoNotOptimize(copytrail::EstimateJaccard(sa, sb));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_EstimateJaccard);

}  // namespace

BENCHMARK_MAIN();
