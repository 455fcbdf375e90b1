#pragma once
// Stage 3, shingle: word k-grams and content-term bags from analysed text.
//
// Guarantees: a shingle hash depends only on the k word hashes in order (each word is hashed
// once by the normaliser; combining k of them costs a multiply and a rotate each), so the same
// words give the same shingle in every document. Texts shorter than k words give one shingle of
// all their words, so short documents still have a sketch.
#include <cstdint>
#include <span>
#include <vector>

#include "copytrail/normalizer.h"

namespace copytrail {

// Appends the hashes of every word k-gram of `tokens` to *out (cleared first; unsorted, may
// repeat). REQUIRES: k >= 1.
void WordShingles(std::span<const Token> tokens, int k, std::vector<uint64_t>* out);

// Whether a token is a content word: not a stop word, not part of an address, and more than one
// character unless it is a number. ContentTerms and sentence alignment must agree on this, and
// on the term below.
inline bool IsContentToken(const Token& t) {
  return !(t.flags & (kStopWord | kAddress)) && (t.end - t.begin >= 2 || (t.flags & kNumber));
}
// The content term of a token: the low 32 bits of its word hash, with 0 (an empty hash-table
// slot) moved to 1.
inline uint32_t ContentTermOf(const Token& t) {
  const auto term = static_cast<uint32_t>(t.hash);
  return term == 0 ? 1 : term;
}

// A content term: a word that is not a stop word (numbers and names included), with its count.
struct TermCount {
  uint32_t term;   // low 32 bits of the word hash; 0 never occurs
  uint16_t count;  // saturates at 65535
  uint8_t flags;   // kNumber if any occurrence has a digit; kCapitalized if every occurrence not
                   // at a sentence start is capitalised (a name, not a headline word)
};

// Whether a content term's flags (TermCount::flags) make it a name.
inline bool IsName(uint8_t flags) { return (flags & kCapitalized) && !(flags & kNumber); }

// Fills *out with the document's content terms sorted by term. Documents with more distinct
// terms than `max_terms` keep a consistent sample (the smallest term ids), so overlap between
// two documents stays estimable.
void ContentTerms(std::span<const Token> tokens, size_t max_terms, std::vector<TermCount>* out);

}  // namespace copytrail
