#include "copytrail/minhash.h"

#include <algorithm>

#include "sketch/mix.h"

namespace copytrail {
void ComputeSignature(const uint64_t* shingles, size_t n, Signature* out) {
  static_assert(kSignatureSize == 128, "bin index uses the top 7 bits");
  out->v.fill(0xFFFFFFFFu);
  std::array<uint8_t, kSignatureSize> filled{};
  for (size_t i = 0; i < n; ++i) {
    const uint64_t h = shingles[i];
    const uint32_t bin = static_cast<uint32_t>(h >> 57);
    const uint32_t val = static_cast<uint32_t>(h);
    out->v[bin] = std::min(out->v[bin], val);
    filled[bin] = 1;
  }
  if (n == 0) return;
  // Optimal densification: an empty bin i probes bins Fmix64(i, attempt) % K until one was filled
  // by a real shingle. The probe sequence is independent of the document.
  std::array<uint32_t, kSignatureSize> original = out->v;
  for (uint32_t i = 0; i < kSignatureSize; ++i) {
    if (filled[i]) continue;
    for (uint64_t attempt = 1;; ++attempt) {
      uint32_t j = static_cast<uint32_t>(Fmix64((uint64_t{i} << 32) | attempt) % kSignatureSize);
      if (filled[j]) {
        out->v[i] = original[j];
        break;
      }
    }
  }
}

void ComputeSignatureKPerm(const uint64_t* shingles, size_t n, Signature* out) {
  out->v.fill(0xFFFFFFFFu);
  for (size_t i = 0; i < n; ++i) {
    const uint64_t h = shingles[i];
    for (int k = 0; k < kSignatureSize; ++k) {
      uint32_t v = static_cast<uint32_t>(Fmix64(h ^ (0x9E3779B97F4A7C15ULL * (k + 1))));
      out->v[k] = std::min(out->v[k], v);
    }
  }
}

double EstimateJaccard(const Signature& a, const Signature& b) {
  int same = 0;
  for (int k = 0; k < kSignatureSize; ++k) same += a.v[k] == b.v[k];
  return static_cast<double>(same) / kSignatureSize;
}

}  // namespace copytrail
