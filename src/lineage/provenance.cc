#include "copytrail/provenance.h"

#include <algorithm>
#include <array>

namespace copytrail {
namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool Blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && Blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && Blank(s.back())) s.remove_suffix(1);
  return s;
}

// Letters, digits and every byte of a multi-byte UTF-8 character continue a word.
bool WordByte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
}

// Bytes an address is written with in running text: a host and a path, up to a query, a
// fragment or the punctuation around it.
bool AddressByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
         c == '_' || c == '~' || c == '%' || c == '/';
}

// Calls fn(offset, run) for each maximal run of `text` whose bytes satisfy `in_run`.
template <typename InRun, typename Fn>
void ForEachRun(std::string_view text, InRun in_run, Fn fn) {
  for (size_t i = 0; i < text.size();) {
    if (!in_run(text[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && in_run(text[j])) ++j;
    fn(i, text.substr(i, j - i));
    i = j;
  }
}

bool IsAddress(std::string_view name) {
  return name.find('.') != std::string_view::npos && std::all_of(name.begin(), name.end(), AddressByte);
}

std::string_view WithoutWww(std::string_view host) { return host.starts_with("www.") ? host.substr(4) : host; }

bool Has(const SiteNameSet& names, const std::string& name) { return std::binary_search(names.begin(), names.end(), name); }

}  // namespace

void AddSiteNames(std::string_view url, std::string_view source, std::vector<std::string>* names) {
  std::string lower = LowerAscii(Trim(url));
  std::string_view address = lower;
  if (size_t scheme = address.find("://"); scheme != std::string_view::npos) address.remove_prefix(scheme + 3);
  address = address.substr(0, address.find_first_of("?#"));
  while (address.ends_with('/')) address.remove_suffix(1);
  std::string_view host = address.substr(0, address.find('/'));
  const std::string_view path = address.substr(host.size());
  if (size_t user = host.rfind('@'); user != std::string_view::npos) host.remove_prefix(user + 1);
  host = WithoutWww(host.substr(0, host.find(':')));
  // A host without a dot (localhost, an intranet name) is no site a copy would credit.
  if (host.size() >= 4 && host.find('.') != std::string_view::npos) {
    names->emplace_back(host);
    if (!path.empty()) names->push_back(std::string(host) + std::string(path));
  }
  std::string_view name = Trim(source);
  if (name.size() < 2) return;
  if (IsAddress(name)) {
    const std::string lower_name = LowerAscii(name);
    if (const std::string_view site = WithoutWww(lower_name); !site.empty()) names->emplace_back(site);  // not "www."
  } else if (std::any_of(name.begin(), name.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); })) {
    names->emplace_back(name);
  }
}

void SortNames(std::vector<std::string>* names) {
  std::sort(names->begin(), names->end());
  names->erase(std::unique(names->begin(), names->end()), names->end());
}

void KeepOwnNames(std::vector<SiteNameSet>* per_text) {
  absl::flat_hash_map<std::string_view, int> holders;
  for (const SiteNameSet& names : *per_text)
    for (const std::string& name : names) ++holders[name];
  std::vector<SiteNameSet> own(per_text->size());
  for (size_t i = 0; i < own.size(); ++i)
    for (const std::string& name : (*per_text)[i])
      if (holders[name] == 1) own[i].push_back(name);
  per_text->swap(own);
}

NameFinder::NameFinder(const SiteNameSet& names) : names_(names) {
  for (size_t k = 0; k < names.size(); ++k) {
    const std::string_view name = names[k];
    if (IsAddress(name)) {
      addresses_.emplace(name, k);
    } else if (!name.empty() && WordByte(name.front())) {
      const size_t end = std::find_if(name.begin(), name.end(), [](char c) { return !WordByte(c); }) - name.begin();
      by_first_word_[name.substr(0, end)].push_back(k);
    } else if (!name.empty()) {
      unworded_.push_back(k);
    }
  }
}

SiteNameSet NameFinder::Mentioned(std::string_view text) const {
  SiteNameSet out;
  if (names_.empty()) return out;
  // Addresses are looked up by the host suffixes and paths written in the text, names as written
  // by their first word.
  std::vector<uint8_t> found(names_.size(), 0);
  auto ends_word = [](std::string_view hay, size_t end) { return end == hay.size() || !WordByte(hay[end]); };
  if (!by_first_word_.empty()) {
    ForEachRun(text, WordByte, [&](size_t i, std::string_view word) {
      if (auto it = by_first_word_.find(word); it != by_first_word_.end())
        for (size_t k : it->second)
          if (text.substr(i).starts_with(names_[k]) && ends_word(text, i + names_[k].size())) found[k] = 1;
    });
  }
  for (size_t k : unworded_)
    for (size_t at = text.find(names_[k]); at != std::string_view::npos && !found[k]; at = text.find(names_[k], at + 1))
      found[k] = ends_word(text, at + names_[k].size());
  if (!addresses_.empty()) {
    auto mark = [&](std::string_view candidate) {
      if (auto it = addresses_.find(candidate); it != addresses_.end()) found[it->second] = 1;
    };
    std::string run;
    ForEachRun(text, AddressByte, [&](size_t, std::string_view word) {
      // Only a run with a dot can hold a host.
      if (word.find('.') == std::string_view::npos) return;
      run = LowerAscii(word);
      std::string_view r = run;
      while (!r.empty() && r.front() == '/') r.remove_prefix(1);  // after "https:"
      while (!r.empty() && (r.back() == '.' || r.back() == '/')) r.remove_suffix(1);
      const std::string_view host = r.substr(0, r.find('/'));
      // The host and each of its parents below a subdomain ("news.bbc.co.uk", "bbc.co.uk"), alone
      // and with the path up to each of its slashes.
      for (size_t start = 0; start < host.size();) {
        mark(r.substr(start, host.size() - start));
        for (size_t slash = r.find('/', host.size() + 1);; slash = r.find('/', slash + 1)) {
          mark(r.substr(start, (slash == std::string_view::npos ? r.size() : slash) - start));
          if (slash == std::string_view::npos) break;
        }
        const size_t dot = host.find('.', start);
        if (dot == std::string_view::npos) break;
        start = dot + 1;
      }
    });
  }
  for (size_t k = 0; k < names_.size(); ++k)
    if (found[k]) out.push_back(names_[k]);
  return out;
}

Credits CompareCredits(const SiteNameSet& a_names, const SiteNameSet& a_mentions, const SiteNameSet& b_names,
                       const SiteNameSet& b_mentions) {
  // A text mentions few names: the search runs over its mentions, not over the other's names.
  auto credit = [](const SiteNameSet& own, const SiteNameSet& mentions, const SiteNameSet& other,
                   const SiteNameSet& other_mentions) {
    for (const std::string& name : mentions)
      if (Has(other, name) && !Has(other_mentions, name) && !Has(own, name)) return name;
    return std::string();
  };
  return {credit(a_names, a_mentions, b_names, b_mentions), credit(b_names, b_mentions, a_names, a_mentions)};
}

int RevisionMark(std::string_view text) {
  // Slugs open the text; the head of a wire story is short, so only its first line is read.
  const std::string_view head = Trim(text.substr(0, text.find('\n')));
  static constexpr std::array<std::string_view, 11> kSlugs = {"CORRECTED", "CORRECTION", "CORRECTS", "RPT", "REPEAT", "REFILED",
                                                              "REFILE", "UPDATED", "UPDATES", "UPDATE", "WRAPUP"};
  for (std::string_view slug : kSlugs) {
    if (!head.starts_with(slug)) continue;
    std::string_view rest = head.substr(slug.size());
    int number = 0;
    if (slug == "UPDATE" && rest.size() >= 2 && rest[0] == ' ' && rest[1] >= '1' && rest[1] <= '9') {
      size_t k = 1;
      while (k < rest.size() && rest[k] >= '0' && rest[k] <= '9' && number < 1000) number = number * 10 + (rest[k++] - '0');
      rest.remove_prefix(k);
    }
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (!rest.empty() && (rest.front() == '-' || rest.front() == ':')) return 1 + number;
  }
  return 0;
}

}  // namespace copytrail
