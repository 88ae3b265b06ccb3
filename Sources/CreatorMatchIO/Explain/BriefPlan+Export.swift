import CreatorMatch

extension BriefPlan {
  /// The compiled plan as JSON: every constant the ranking pass uses (constraint masks, query
  /// terms and weights, audience lookups and priors, value-kernel constants, component weights).
  /// With the table's columns, it is enough to re-implement the pass elsewhere and check the
  /// scores; the numpy peer in `benchmarks/peers/` does exactly that.
  package func compiledJSON(table: CreatorTable) -> String {
    var json = JSONWriter(pretty: true)
    json.object { root in
      root.key("brief")
      root.string(brief.id)
      root.key("platform_mask")
      root.integer(Int(platformMask))
      root.key("tier_mask")
      root.integer(Int(tierMask))
      root.key("min_followers")
      root.number(minFollowers.isFinite ? minFollowers : nil)
      root.key("max_followers")
      root.number(maxFollowers.isFinite ? maxFollowers : nil)
      root.key("country_allowed")
      if let countryAllowed {
        root.array { list in
          for (code, allowed) in countryAllowed.enumerated() where allowed { list.integer(code) }
        }
      } else {
        root.null()
      }
      root.key("min_authenticity")
      root.number(minAuthenticity.isFinite ? minAuthenticity : nil)
      root.key("max_sponsored")
      root.number(maxSponsored.isFinite ? Double(maxSponsored) : nil)
      root.key("excluded_rows")
      root.array { list in for row in excludedRows { list.integer(row) } }
      root.key("query_terms")
      root.array { list in
        for term in niche.terms {
          list.object { object in
            object.key("id")
            object.integer(term.id)
            object.key("weight")
            object.number(term.weight)
          }
        }
      }
      root.key("category_mask")
      root.string(String(niche.categoryMask))
      root.key("exclude_term_ids")
      root.array { list in
        for phrase in niche.excludes where !phrase.termIDs.isEmpty {
          list.array { ids in for id in phrase.termIDs { ids.integer(id) } }
        }
      }
      root.key("weights")
      root.array { list in
        for weight in [
          weights.engagement, weights.audience, weights.niche, weights.authenticity, weights.value,
        ] {
          list.number(weight)
        }
      }
      root.key("audience")
      root.object { object in
        let audience = self.audience
        object.key("empty")
        object.bool(audience.isEmpty)
        object.key("gender")
        object.string(audience.gender?.rawValue)
        object.key("gender_prior")
        object.number(audience.genderMissing.share)
        object.key("age_mask")
        object.array { list in for flag in audience.ageMask { list.bool(flag) } }
        object.key("age_prior")
        object.number(audience.ageMissing.share)
        for (name, allowed, missing) in [
          ("countries", audience.countryAllowed, audience.countryMissing),
          ("languages", audience.languageAllowed, audience.languageMissing),
        ] {
          object.key(name)
          if let allowed {
            object.array { list in
              for (code, flag) in allowed.enumerated() where flag > 0 { list.integer(code) }
            }
          } else {
            object.null()
          }
          // A row without data: its factor by home in the target, outside it, unknown.
          object.key(name + "_missing")
          object.array { list in
            for factor in [missing.inTarget, missing.outside, missing.unknown] {
              list.number(factor.share)
            }
          }
        }
        object.key("interests")
        if let allowed = audience.interestAllowed {
          object.array { list in
            for (id, flag) in allowed.enumerated() where flag > 0 { list.integer(id) }
          }
        } else {
          object.null()
        }
        object.key("interest_prior")
        object.number(audience.interestMissing.share)
        object.key("home_share")
        object.number(AudiencePlan.homeShare)
      }
      root.key("value")
      if let kernel = forecast?.kernel {
        root.object { object in
          object.key("log_constant")
          object.number(kernel.logConstant)
          object.key("posts")
          object.number(kernel.posts)
          object.key("log_posts")
          object.number(kernel.logPosts)
          object.key("fixed_cost")
          object.number(kernel.fixedCost)
          object.key("log_brief_reach")
          object.number(kernel.logBriefReach)
          object.key("log_currency_factor")
          object.array { list in
            for value in kernel.logCurrencyFactor { list.number(value.isNaN ? nil : value) }
          }
          object.key("log_usd_per_mille")
          object.number(kernel.logUSDPerMille)
          object.key("log_brief_market_ratio")
          object.number(kernel.logBriefMarketRatio)
          object.key("shared_variance")
          object.number(kernel.sharedVariance)
          object.key("estimated_price_variance")
          object.array { list in for value in kernel.estimatedPriceVariance { list.number(value) } }
        }
      } else {
        root.null()
      }
      root.key("floor")
      root.number(ComponentScores.floor)
      root.key("niche_category_floor")
      root.number(NicheQuery.categoryFloor)
    }
    return json.text + "\n"
  }
}
