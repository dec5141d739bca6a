"""Where a skill mention stands in a posting, and whether it is a demand at all.

A posting is split into sections by the headings it uses ("Requirements", "Nice to have",
"What you'll do", "About us", "Benefits"...). A hit gets a level from its section and its
sentence: ``required``, ``preferred``, ``mentioned`` (stack, responsibilities, or no heading) or
``company`` (about the employer: what it sells, partners, customers, history), which does not
count as demand. A negated mention ("no Kubernetes experience needed") is dropped.

Not demand either: employer history ("ex-Google"), a name inside a link or an e-mail address
("github.com/acme/kubernetes-operator"), an analogy ("building a private AWS"), the employer's
own name ("Docker | Sales | Remote", "At Docker, we...", "Docker is hiring", "Docker's
products"), customer and team-background lists ("organizations like ...", "customers use ...",
"operators behind ..."), a marketplace's list of stacks it "can match you with", and every
skill in a "SEEKING WORK" post (the poster's own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import ahocorasick_rs

from transform.text import ANSWERING_AN_AD, SEEKING_HEADER, sentence_bounds, wants_to_be_hired

try:  # re's private parser, only to read a pattern's words (see _words_of)
    from re import _constants as _c
    from re import _parser
except ImportError:  # a Python without them: every rule's regex is simply always tried
    _c = _parser = None  # type: ignore[assignment]

LEVELS = ("required", "preferred", "mentioned", "company")  # strongest first

# Heading cues, tried at the start of a short line (optionally followed by ":" and content).
_HEADINGS: list[tuple[str, re.Pattern[str]]] = [
    (
        "preferred",
        re.compile(
            r"(nice[\s-]to[\s-]haves?|bonus( points)?|preferred( qualifications| skills)?|pluses|"
            r"it'?s a plus|extra credit|good to have|desired( skills)?|ideally)\b",
            re.I,
        ),
    ),
    (
        "required",
        re.compile(
            r"(requirements|required( skills| qualifications)?|qualifications|what you('|’)?ll need|"
            r"what you need|what we('|’)?re looking for|who we('|’)?re looking for|"
            r"who we are looking for|who you are|about you|you have|you bring|your experience|"
            r"must[\s-]haves?|skills( and experience)?|experience|your profile|your skills|"
            r"minimum qualifications|basic qualifications|what you bring|you should have|"
            r"ideal candidate|we('|’)?re looking for|looking for|"
            # German boards (Arbeitnow): "Qualifikation", "Dein Profil", "Was du mitbringst"
            r"qualifikation(en)?|anforderungen|(dein|ihr) profil|das bringst du mit|"
            r"was (du|sie) mitbring(st|en)|"
            r"you('|’)?(ll| will| may| might| would)? be a (good|great|strong) fit|(good|great) fit if|"
            r"([\w-]+\s+){1,3}(skills|qualifications|requirements)\s*$)\b",
            re.I,
        ),
    ),
    (
        "mentioned",
        re.compile(
            r"(((your|key|main|job|primary|core|role|daily|the) )?responsibilities|what you('|’)?ll do|what you will do|the role|your role|you will|"
            r"you('|’)?ll|day[\s-]to[\s-]day|tech(nology)? stack|our stack|stack|tools|technologies|technology(?=\s*$)|"
            r"the job|the position|the team|keywords(?=\s*$)|tech(nical)? details|"
            r"(the|this|your) opportunity(?=\s*:?\s*$)|"
            r"about (the|this|your) (role|job|position|opportunity|team|work)|"
            r"about (the|our) (tech )?(stack|technology|tech)|"
            r"what you('|’)?ll work on|(your )?tasks(?=\s*:?\s*$)|in this (role|position)|"
            r"(deine |ihre )?aufgaben|das erwartet (dich|sie)|(deine |ihre )?tätigkeiten|"
            r"roles?(?=\s*$)|(open |current )?(roles|positions|openings)(?=\s*$)|open (roles|positions)|"
            # A role's own heading: "### Software Engineer", "Infrastructure Engineer",
            # "Mid-to-Senior Software Engineers (Back-end)"
            # (not "Founded By Ex-AWS Engineers (2015)", "Trusted By Engineers (at 500+ ...)")
            r"(?-i:(?!(A|An|The|Our|Former|Built) )((?!(By|For|Of|Our|From|At|With) )[A-Z][\w+#./-]* ){0,3}"
            r"(Engineer|Developer|Programmer|Architect|SRE))s?(?=( ?\([^()]{1,30}\))?\s*$)|"
            r"position( #?\d+)?(?=\s*$)|(the |our )stack|"
            # "### Current Development Stack", "Our Tech Stack:", "Our Current Stack:" (a list
            # item "- Web stack" is none: see _heading)
            r"((current|our|the) ){0,2}((tech|technology|back[\s-]?end|front[\s-]?end|"
            r"infrastructure|data|development|engineering|software|dev|product|application|web) )?"
            r"stack(?=\s*:?\s*$)|"
            r"([\w-]+\s+){0,3}help us with)\b",
            re.I,
        ),
    ),
    (
        "company",
        re.compile(
            r"(about us|about the company|who we are|our company|company overview|our mission|"
            r"our story|about (?-i:[A-Z])[\w&.-]*( (?-i:[A-Z])[\w&.-]*)?\s*:?$|benefits|perks|"
            r"what we offer|what we('|’)?re offering|(was )?wir bieten|das bieten wir|unser angebot|über uns|"
            r"compensation|why join|why work|equal opportunity|eeo|diversity)\b",
            re.I,
        ),
    ),
]
_MAX_HEADING = 60
# All of them in one pattern, in the same order: an alternation takes its first branch that
# matches, and the branch's group name is the kind. One search per line instead of four.
_HEADING = re.compile("|".join(f"(?P<{kind}>{p.pattern})" for kind, p in _HEADINGS), re.I)

# Sentence-level cues.
_PREFERRED_CUE = re.compile(
    r"\b(nice[\s-]to[\s-]have|bonus|a plus|is a plus|are a plus|plus if|preferred|ideally|"
    r"not required but|but not required|good( \w+){0,2} to have|desirable|familiarity with|"
    r"(is|are) (appreciated|useful|helpful))\b",
    re.I)  # fmt: skip
_REQUIRED_CUE = re.compile(
    r"\b((?<!not )required|must|need to have|you have|you'?ve|experience (with|in|using)|proficien\w*|"
    r"expert(ise)? in|strong|solid|years of)\b", re.I)  # fmt: skip
_COMPANY_CUE = re.compile(
    # ("Partner with the Developer Experience team to enhance our CI" is work with colleagues.)
    r"\b(names (you('ll)? (know|recogni[sz]e) )?(like|such as|including)|\bit (connects|integrates) (to|with)|"
    r"partner(s|ship|ed|ing)?(?![\w/-])(?! with (\w+ ){0,3}(teams?|engineers|engineering|leadership|"
    r"product|design|peers|stakeholders|colleagues|developers)\b)|everyone from|(customers|clients)( \w+)? include|investors?|funded by|"
    # (not a store: "Rails backed by Postgres", "an API backed by DynamoDB")
    r"backed by(?! (infrastructure|servers?|an? (\w+ )?(stack|infrastructure|platform|database|store|cache)|"
    r"postgres\w*|mysql|redis|mongo\w*|dynamodb|cassandra|elasticsearch|solr|kafka|s3|sql|"
    r"databases?)\b)|"
    # ("an AWS Marketplace seller", not "developing new marketplace and web-based tools")
    r"acquired by|(is|are) (wholly )?owned by|alumni|founded by|certified|"
    r"(?<!new )(?<!developing )(?<!building )(?<!build )marketplace|available on|"
    # (not "teams including implementation of build scripts": work, not names)
    r"(companies|startups|customers|clients|teams|brands|organi[sz]ations|orgs|businesses|"
    r"enterprises|hyperscalers)( \w+)? (like|such as|including(?! (the )?(implementation|"
    r"development|design|maintenance|building|support|testing|deployment|operations?)\b))|"
    r"(companies|hyperscalers) \(|"
    r"at (leading|top|major|large|big) (tech )?(companies|firms|orgs)|"
    r"(customers|clients) (use|run|deploy|rely on)|"
    # "- Customers: Box, Jive, Tableau, Zendesk, AdRoll, Nitro, New Relic"
    r"\b(customers|clients)\s*:\s*([\w.&'’!-]+( [\w.&'’!-]+){0,2},\s*)+|"
    r"(teams|companies|customers|users|developers|startups)( \w+)? (escaping|outgrowing)|"
    r"(trusted|relied on) by|(venture|vc)[\s-]backed|"
    r"(founders|operators|builders|people|team|company) behind|experience selling|sell(ing)? into|"
    r"\bwe('re| are)?\b[^.!?\n]{0,60}\bcollaborating with|"
    r"(platform|product|solution)s? that (works|integrates|connects) with|"
    r"(firm|agency|consultancy|studio) with expertise in|veterans of|(comes?|came) from|backers|"
    r"angels|angel investors|mentors|advisors|advised by|(founders?|creators?|makers) of|"
    r"(is|are) (one of )?(the|a|an) (leading|premier|fastest[\s-]growing|"
    r"world('|’)?s (leading|first|largest)))\b",
    re.I)  # fmt: skip
# A marketplace's list of the stacks it can place you on ("...or Azure DevOps, we'd be happy to
# match you with a project") is no demand, however much it says "proficient" or "years of".
_MARKETPLACE_CUE = re.compile(
    r"\b(match(es|ed)? you (with|to)|matched (with|to) (a |the )?(project|client|role|team)s?|"
    r"connect(s|ed)? you with (a |the )?(project|client|compan|startup|role|opportunit))",
    re.I,
)
# A tool's name in the possessive before company words is the company ("Docker's product
# offerings", "AWS's customers").
_POSSESSIVE_COMPANY = re.compile(
    r"\s+products?['’]s?\s|['’]s?\s+(\w+\s+)?(products?|offerings?|customers?|clients|mission|"
    r"values|employees|culture|"
    r"business|brand|revenue|sales|go-to-market|leadership|partners?|investors?|founders?)\b",
    re.I)  # fmt: skip
# The employer's own name in the possessive ("Docker's finance processes"), and the business
# words around its own name in a sentence about sales or finance ("sales tools such as
# Salesforce, Outreach and Docker").
_POSSESSIVE = re.compile(r"['’]s?(?!\w)")
_BUSINESS = re.compile(
    r"\b(sales|revenue|go-to-market|gtm|marketing|finance|financial|fp&a|accounting|crm|"
    r"salesforce|hubspot|recruiting)\b",
    re.I,
)
# What an employer named at the start of a sentence does for others: "Checkly helps...".
_SELLS = re.compile(
    r"(?: [A-Z][\w.]*)?\s+(helps|enables|empowers|lets|powers|sells|gives|"
    r"is an? ([\w,-]+ ){0,4}(platform|tool|system|product|service|solution)s?|"
    # "Sysdig is building the intelligence layer for applications built on containers" (not
    # "is building a platform team", "the payments platform on AWS")
    r"is building (the|an?|\w+['’]s) ([\w'’,-]+ ){0,5}(platform|layer|tool|product|solution)s?"
    r"( purpose[\s-]built)? (for|that))\b"
)
# A cloud named as the thing being built is an analogy: "building a private AWS, ...", "an
# internal Heroku for our developers".
_ANALOGY_BEFORE = re.compile(
    r"\b(a|an)\s+(private|internal|in-house|home-?grown|mini|own)\s+$", re.I
)
_LIKE_SUFFIX = re.compile(r"(\s+[\w.]+)?-(like|style|esque)\b", re.I)
# A sentence saying what a product does or whom it serves: "Sentry is an open-source application
# monitoring SaaS", "We make the best application performance monitoring solution", "Our ...
# platform offers", "we solve Observability challenges", "technology to monitor and analyze our
# customers' production web applications", "a key building block across a range of industries".
# The first holds only for a hit inside its noun phrase ("... is an open-source application
# monitoring SaaS", not "... is a platform; you'll own monitoring").
_PRODUCT_IS = re.compile(
    r"(?<!role )(?<!position )(?<!job )(?<!you )(?<!project )(?<!task )(?<!own )"
    r"\b(is|are) (an?|the|\w+['’]s) ([\w.,'’()&/+-]+ ){0,8}?"
    r"(saas|platform|service|solution|tool|product|company|startup|database|provider|vendor|suite)s?"
    r"\b(?! (hire|manager|owner|designer|engineer|lead|team|role|marketing|org))"
    # "... is Aruba's software solution for managing and monitoring the health of WiFi"
    r"( for ([\w-]+,? ){0,4}[\w-]+)?|"
    # An application, and what it is for: "Cloud Manager is a cloud-based web application for
    # deploying, monitoring, and backing up", "... is a server monitoring application" (not "a
    # CI/CD pipeline for the new mobile app")
    r"\b(is|are) an? ([\w.-]+ ){0,3}(application|app)\b( for ([\w-]+,? ){0,4}[\w-]+)?|"
    # "We build software for provisioning, monitoring and supporting Linux servers" (not "We
    # build software for hospitals, and you will own its monitoring")
    r"\bwe (build|develop|write|create) software for (?!a living|ourselves)"
    r"([\w-]+,? (and )?){0,3}[\w-]+"
)
_PRODUCT = re.compile(
    r"\bwe (make|sell|offer|provide|operate|solve|power)\b[^.]*\b(saas|platform|service|solution|"
    r"tool|product|software|infrastructure|challenges)s?\b|"
    r"\bour ([\w()&-]+ ){0,6}(platform|product|solution|service|offering|technology|tool)s? "
    r"(offers|provides|helps|lets|enables|gives|allows)\b|"
    # (and in the plural: "Our SaaS and On-Premise solutions enable companies to combine
    # monitoring, alerting"; not "our backend services provide the APIs", the team's own)
    r"\bour ([\w()&-]+ ){0,6}(platforms|products|solutions|offerings|technologies|tools) "
    r"(offer|provide|help|let|enable|give|allow)\b|"
    r"\bgives? (our )?(customers|clients)\b|"
    # "We automate deployments of infrastructure and applications to your cloud account" (not
    # "you'll build pipelines for our services in your own AWS account")
    r"\bwe\b[^.]{0,80}\b(to|in|into) your (own )?(cloud|aws|gcp|azure|google cloud|kubernetes) "
    r"(accounts?|environments?|projects?|clusters?)\b|"
    r"\bour (customers|clients)['’]s? |\bindustries\b|\buse[\s-]cases\b|\branging from\b|"
    # "Our first product is analytics and monitoring", "... are our foundation"
    r"\bour (first|main|core|flagship) (product|platform|offering)s? (is|are)\b|\bour foundation\b|"
    # "At CircleCI we're building Heroku for Continuous Integration and Deployment"
    r"\bis (revolutioniz|disrupt)\w*\b|"
    # "We're trying to make logging and log analysis simpler for fellow devs"
    r"\b(simpler|easier) for (fellow|other) (devs|developers|engineers)\b"
)
# A name among example companies, whatever else the sentence asks: "how companies like Stripe,
# Twilio, Heroku and Github make their platform pleasant", "amazing companies (Docker, Riot...)".
_EXAMPLES_BEFORE = re.compile(
    r"\b(companies|startups|customers|clients|brands|organi[sz]ations|businesses|enterprises)"
    # ("companies you know and love including Lyft, Slack, and Pagerduty")
    # (not the work: "help our clients adopt technologies such as Kubernetes", "work with
    # enterprises to deploy tools including Terraform")
    r"(( (?!(tools?|technolog\w*|platforms?|frameworks?|languages?|stacks?|services|adopt\w*|"
    r"deploy\w*|use|using|migrat\w*|to)\b)\w+){0,4} (like|such as|including)\s+|"
    r"( \w+)?(?<!customers)(?<!clients) \()"
    r"([\w.&'-]+( [\w.&'-]+)?,\s+)*((and|or|&)\s+)?$|"
    # A customer's story: "how we helped him at Travis-CI"
    r"\bhelped\s+(\w+\s+){1,3}at\s+$",
    re.I,
)
# "an open source Firebase alternative", "a Heroku clone": the product, compared ("the GCP
# equivalent" is no comparison: "SQS, or the GCP equivalent").
_ALTERNATIVE_AFTER = re.compile(r"\s+(alternative|competitor|clone|replacement)s?\b", re.I)
_ANALOGY_AFTER = re.compile(r"\s*([,.;:!?)]|$)|\s+(for|of|that|which|to)\b", re.I)
# "X is "Amazon Web Services" for the life sciences", "the Heroku of data", "like Stripe for AWS":
# a cloud named to say what the employer is like.
# "is"/"are"/"the" only before a quoted name: "Own the CI/CD for our services" is a demand.
_LIKE_BEFORE = re.compile(
    r"\b(like|as)\s+(a|an|the)?\s*[\"“'‘]?$|\b(is|are|the)\s+(a|an|the)?\s*[\"“'‘]$|"
    r"\bthink\s+(of\s+(us|it)\s+as\s+)?(a|an|the)?\s*[\"“'‘]?$",  # think “NewRelic for Video”
    re.I,
)
# "Steamship is building Vercel for AI", "we're building Heroku for Continuous Integration": a
# name for what is being built, then a capitalised field (not "building CI/CD for our apps").
_BUILDING_BEFORE = re.compile(r"\b(building|builds|built)\s+(a|an|the)?\s*$", re.I)
_FOR_A_NAME_AFTER = re.compile(r"\s+for\s+[A-Z]")
_LIKE_AFTER = re.compile(r"[\"”'’]?\s+(for|of)\s+(the\s+|your\s+|all\s+)?\w", re.I)
# "we are like New Relic, but for security", "Think of it like continuous integration, but for
# mechanical engineers" (not "a CI system like Jenkins, but for us attitude matters more")
_BUT_FOR_AFTER = re.compile(r",?\s+but\s+for\s+\w", re.I)
_IS_LIKE_BEFORE = re.compile(
    r"\b(we're|we are|it's|it is|is|are|think of (it|us|this))\s+(like|as)\s+(a\s+|an\s+)?$", re.I
)
# "an open-source alternative to AWS Lambda", "a cross between Heroku and Zapier".
_COMPARED_BEFORE = re.compile(
    r"\b(alternatives? (to|for|and)|cross between|similar to|inspired by|replacements? for|"
    r"competitors? (to|of)|compared to|comparable to|instead of|race against|"
    r"compet(e|es|ing) (with|against)|giants (such as|like))\s+([\w.-]+,?\s+){0,3}$",
    re.I,
)
# A sentence that says what the team works with, even in a section about the company ("Why
# join us? ... using the right tools for each job (e.g. Clojure, Go, Ansible, AWS)").
_STACK_CUE = re.compile(
    r"\b(we use|we're using|we are using|our (tech )?stack|tech stacks?|tech(?=:)|"
    # "You will use Continuous Integration", "our team uses" (not "every large bank uses")
    r"you('ll| will) (be )?us(e|ing)|our (team|engineers|developers|stack) uses|"
    # "a modern technology stack that includes", "our current technology stack" (not "our
    # customers' technology stacks", "banks ... their technology stacks")
    r"(our|an?|the)( \w+){0,2} technology stacks?|"
    r"our tools|we build with|"
    r"(team|engineers) uses? (technologies|tools)|technologies like|"
    r"(common|core|main|key) technolog(y|ies)|"
    r"(we|our \w+) (are )?built (with|on|using)|written in|we work with|runs on|"
    r"our (infrastructure|platform|backend|services) (is|are|runs)|the right tools|"
    r"(we('|’)?re|we are|our \w+ (is|are)) (fully |all |entirely |currently )?(hosted|running) (on|in))\b"
)
# Where the posting names its employer: the first field of an HN header ("Docker | Sales |
# Remote"), "At Docker, we...", "Join GitLab", "Docker is hiring", "Docker embraces diversity".
# A skill there is the company's name, not a skill.
# Tried around each hit (cheap, local): "At|Join|About <hit>[ Word][,:!\n| we| is]" and
# "<sentence start>[Word ]<hit>[ Word] is hiring|embraces|...".
_EMPLOYER_BEFORE = re.compile(r"(?:^|[\n.!?]\s*)(?:At|Join|About)\s+$")
_EMPLOYER_AFTER = re.compile(r"(?: [A-Z][\w.]*)?(?=[,:!\n]|\s+(?:we|is|are)\b)")
_SUBJECT_BEFORE = re.compile(r"(?:^|[\n.!?]\s*)(?:[A-Z][\w.]* )?$")
_SUBJECT_AFTER = re.compile(
    r"(?: [A-Z][\w.]*)?\s+(?:is hiring|embraces|is an equal opportunity|is committed to|"
    r"helps (?:customers|clients|companies|businesses|organi[sz]ations))\b|"
    # "The Azure Search team is looking for", "Amazon Web Services (AWS) Security team is hiring"
    r"(?:\s+\(?[A-Z][\w.]*\)?){0,2}\s+team\s+(?:is|are)\s+(?:hiring|looking|seeking|growing)\b"
)
# "join the web application team at Loggly.", "come join us at Loggly": the employer, named at
# the clause's end (not "work with the account team at AWS, our cloud provider").
# ("Come work at Rackspace in the heart of San Francisco"; "a hack day with our friends at Chef"
# names another company, not demand either)
_TEAM_AT_BEFORE = re.compile(
    r"\bjoin\b[^.!?\n]{0,50}\bteam at\s+$|\bjoin us at\s+$|\bcome\s+work\s+at\s+$|"
    r"\bwith\s+(our\s+)?friends\s+at\s+$",  # (not "hosted by our friends at AWS")
    re.I,
)
_CLAUSE_END = re.compile(r"(?: [A-Z][\w.]*)?(?=[.,:;!?\n]|\s+(?:we|is|are|in)\b|$)")
_MAX_HEADER_COMPANY = 60
# Hits inside a link or an e-mail address are addresses, not demands
# ("github.com/acme/kubernetes-operator", "jenkins@example.com").
_URL = re.compile(
    r"(https?://|www\.|"
    r"[a-z0-9-]+\.(com|io|org|net|co|dev|ai|app|sh|so|me|ly|us|eu|de|uk|tech|jobs)(/|$))"
)
# "no Kubernetes", "no prior experience with Kubernetes", "you don't need to know Kubernetes":
# the negation must govern the skill, not just share its sentence ("deploy without downtime on
# Kubernetes" is a demand).
_NEGATION_BEFORE = re.compile(
    r"(\b(no|not|never|zero|without)\s+((prior|previous|professional|any)\s+)?"
    r"|\b(don'?t|do not|doesn'?t|does not|won'?t|will not)\s+(need|have|require)\s+(to\s+(know|have|use)\s+)?"
    r"(any\s+)?"
    r"|\bno\s+need\s+to\s+"
    # "This role does not include 24/7 pager duty" (not "Our service does not include
    # Kubernetes support yet")
    r"|\b(role|position|job)\s+(doesn'?t|does not|won'?t|will not)\s+include\s+([\w/-]+\s+){0,2})"
    r"((\w+\s+)?(experience|knowledge|background|familiarity)\s+(with|in|of)\s+)?$",
    re.I,
)
# ("Datadog is a plus, but not required", "...and Docker, so experience in these is useful but
# not required", "Docker, CI, or API design is a plus (although not required)" are preferred,
# not negated.)
_NEGATION_AFTER = re.compile(
    r"^(?![^.;!?]{0,40}\b(plus|nice[\s-]to[\s-]have|bonus|preferred|helpful|useful|desirable|"
    r"appreciated|welcome)[\s,(–-]*((but|although|though)\s+)?"
    r"not\s+(required|needed|necessary|a must))"
    r"[^.;!?]{0,40}\b(not (required|needed|necessary|a (requirement|must))|"
    r"(is|are) optional|unnecessary)\b", re.I)  # fmt: skip
# Tools the team means to adopt some day, not ones it works with: "We're keen to extend our
# knowledge in the very near future with technologies like Elixir, Rust, Docker" (what follows
# the cue), "Go and Docker are likely to join this list" (the subject just before it).
_LATER_AFTER = re.compile(
    r"\b(keen|eager|hoping|hope|looking|planning|plan|want) to (extend|broaden|expand|grow) our "
    r"(knowledge|skills|horizons|expertise)\b[^.;!?\n]{0,40}\b(technologies|tools|languages)\s+"
    r"(like|such as|with)\b",
    re.I,
)
_LATER_BEFORE = re.compile(r"\b(are|is) likely to join (this|the|our) (list|stack)\b", re.I)
_HISTORY = re.compile(
    r"(\bex-|\bformer(ly)?\s+(at\s+)?|\balumni of\s+|\bex\s+|\b(co-?)?founded\s+(and\s+\w+\s+)?|"
    r"\b(was|were)\s+(previously\s+|once\s+)?(the\s+)?(ceo|cto|vp(\s+(of\s+)?eng\w*)?|founders?|co-?founders?|"
    r"head\s+of\s+\w+|director\s+of\s+\w+)\s+(of|at)\s+|"
    # "our CTO joined us from leading Amazon S3", "team from CitSec, Aquatic, Old Mission, AWS"
    r"\bjoined\s+(us\s+)?from\s+(leading\s+)?|\bacquired\s+by\s+|"
    # "I previously was VP Eng at Bugsnag"
    r"\bpreviously\s+(was|worked)\s+(\w+\s+){0,3}at\s+|"
    # A person who joined or backs the employer: "we've had the director of Amazon S3 join us",
    # "angels including the creator of the Heroku Add-Ons Marketplace" (not the job "Head of
    # Azure Strategy", nor "you will be the head of AWS operations")
    r"\b(had|hired|welcomed|joined\s+by|including|includes|backed\s+by|funded\s+by)\s+the\s+"
    r"(former\s+)?(ceo|cto|vp|director|head|founders?|co-?founders?|creators?|inventors?)"
    r"\s+of\s+(the\s+)?)$",
    re.I,
)
# The same, for a name in a list of where the team comes from ("a team of 10 from AWS, Snyk,
# Netlify", "a team of builders from Meta, AWS, and NYU"), which may start 80 characters back
# (" from " written out, so that the rule is tried only where it stands: see _Words).
_HISTORY_LIST = re.compile(
    r"\b(team|engineers|founders|folks|people|builders|veterans|alumni)(\s+of(\s+\w+){1,2}|\s+is|\s+are|\s+hailing)?"
    r" from\s+((?-i:[A-Z])[\w&.-]*,?\s+(and\s+)?){0,5}$",
    re.I,
)
# ... or a longer list after "from institutions such as" ("engineers, designers, doctors, and
# researchers from institutions such as Stanford, Google, UCSF School of Medicine, UPENN,
# Northwestern, and Rackspace"), tried only where "from" or "From" stands in the 200 characters
# before.
_FROM_PLACES = re.compile(
    r"\bfrom\s+(institutions|companies|organi[sz]ations|places|startups|employers)\s+"
    # a list of names up to the hit: capitalised words and "of", "and", "the" between them (not
    # "companies like Google and Stripe, and we run everything on AWS")
    r"(such\s+as|like|including)\s+((?-i:[A-Z])[\w&.'’-]*,?[ \t]+|(of|and|the|de)[ \t]+){0,16}$",
    re.I,
)
_PLACES_BACK = 200
_SEEKING_WORK = re.compile(
    r"^\W*(seeking|available for|looking for)\s+(\w+\s+)?"
    r"(work|jobs?|clients|projects|contracts?)\b|\bseeking\s+(freelance\s+)?work\b(?!-)|"
    rf"{SEEKING_HEADER}|\b({ANSWERING_AN_AD})\b",
    re.I)  # fmt: skip


# Most hits match none of the patterns tried on them, yet a search costs microseconds: it tries
# every start position. Each pattern is tried only where one of its words occurs, words one of
# which every match holds, read off the pattern itself (so they stay right when it changes) and
# looked for all at once with Aho-Corasick.
class _Words:
    """The words of some patterns (all case-sensitive, or all not)."""

    def __init__(self, *patterns: re.Pattern[str]) -> None:
        folded = {bool(p.flags & re.IGNORECASE) for p in patterns}
        if len(folded) != 1:
            raise ValueError("patterns filtered together must all ignore case, or none")
        (self._folded,) = folded
        self._always = [False] * len(patterns)  # for patterns without such words
        self._owner: list[int] = []  # each word's pattern
        words: list[str] = []
        for i, pattern in enumerate(patterns):
            found = _words_of(pattern, self._folded)
            self._always[i] = found is None
            words += found or ()
            self._owner += [i] * len(found or ())
        self._automaton = ahocorasick_rs.AhoCorasick(words) if words else None

    def present(self, text: str) -> list[bool]:
        """For each pattern, whether a match can lie in ``text`` (False: surely not)."""
        if self._automaton is None or (self._folded and not text.isascii()):
            return [True] * len(self._always)
        present = self._always.copy()
        found = self._automaton.find_matches_as_indexes(
            text.lower() if self._folded else text, overlapping=True
        )
        for word, _, _ in found:
            present[self._owner[word]] = True
        return present

    def any(self, text: str) -> bool:
        """Whether a match of any of the patterns can lie in ``text`` (False: surely not)."""
        if self._automaton is None or any(self._always):
            return True
        if self._folded:
            if not text.isascii():
                return True
            text = text.lower()
        return bool(self._automaton.find_matches_as_indexes(text))


class _Quick:
    """A pattern, tried only where one of its words occurs."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._words = _Words(pattern)

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(string) if endpos is None else min(endpos, len(string))
        if not self._words.any(string[pos:end] if pos or end < len(string) else string):
            return None
        return self.pattern.search(string, pos, end)

    def match(self, string: str) -> re.Match[str] | None:
        return self.pattern.match(string) if self._words.any(string) else None


def _words_of(pattern: re.Pattern[str], folded: bool) -> tuple[str, ...] | None:
    """Words one of which every match of ``pattern`` holds (lower-cased if ``folded``: then
    only ASCII letters count, for ignoring case is lower-casing for ASCII text, not beyond it:
    re.I takes a long s for an "s"). ``None`` if there are none."""
    try:
        return _required(_parser.parse(pattern.pattern, pattern.flags), folded)
    except Exception:  # re._parser is private: should it change, the pattern is always tried
        return None


def _required(items: Any, folded: bool) -> tuple[str, ...] | None:
    """The words of a parsed pattern: of its literal runs and groups that every match goes
    through, the one whose shortest word is longest (as a rule the rarest)."""
    best: tuple[str, ...] | None = None
    run = ""

    def consider(words: tuple[str, ...] | None) -> None:
        nonlocal best
        if words and (best is None or min(map(len, words)) > min(map(len, best))):
            best = words

    for op, av in items:
        if op is _c.LITERAL and not (folded and av > 127):
            run += chr(av)
            continue
        consider((run.lower() if folded else run,) if run else None)
        run = ""
        if op is _c.SUBPATTERN and not av[1] and not av[2]:  # a group without flags of its own
            consider(_required(av[3], folded))
        elif op is _c.BRANCH:  # every branch must have words
            options = [_required(branch, folded) for branch in av[1]]
            if all(options):
                consider(tuple(word for option in options for word in option or ()))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_required(av[2], folded))
        elif op is _c.ATOMIC_GROUP:
            consider(_required(av, folded))
    consider((run.lower() if folded else run,) if run else None)
    return best


_HEADING_Q = _Quick(_HEADING)
_BEFORE_WORDS = _Words(
    _HISTORY,
    _HISTORY_LIST,
    _ANALOGY_BEFORE,
    _LIKE_BEFORE,
    _BUILDING_BEFORE,
    _COMPARED_BEFORE,
    _NEGATION_BEFORE,
    _EXAMPLES_BEFORE,
)
_NEGATION_AFTER_Q = _Quick(_NEGATION_AFTER)
_LATER_AFTER_Q = _Quick(_LATER_AFTER)
_LATER_BEFORE_Q = _Quick(_LATER_BEFORE)
# What asks for a skill even under "About us" ("Devop Engineer - experience with AWS required"),
# unlike "strong" or "must" ("a strong partnership with AWS", "customers must run Kubernetes").
_ASKS_Q = _Quick(
    re.compile(
        r"\b(experience (with|in|using)|required|proficien\w*|expertise in|familiar\w* with|"
        r"knowledge of|a plus|nice to have|good( \w+){0,2} to have|preferred(?! by))\b"
    )
)
_STACK_CUE_Q = _Quick(_STACK_CUE)
_EMPLOYER_BEFORE_Q = _Quick(_EMPLOYER_BEFORE)
_BUSINESS_Q = _Quick(_BUSINESS)
_PRODUCT_Q = _Quick(_PRODUCT)
_PRODUCT_IS_Q = _Quick(_PRODUCT_IS)
_URL_Q = _Quick(_URL)
_SEEKING_WORK_Q = _Quick(_SEEKING_WORK)


@dataclass(frozen=True)
class Section:
    start: int
    kind: str  # one of LEVELS


def _offers_work(text: str) -> bool:
    """Someone offering their services ("SEEKING WORK", a letter answering an ad, a "Who wants
    to be hired?" post): every skill in it is the poster's own, none is demanded."""
    return bool(_SEEKING_WORK_Q.search(text, 0, 200)) or wants_to_be_hired(text)


def sections(text: str) -> list[Section]:
    """Sections by heading, in order; text before the first heading is ``mentioned``."""
    if _offers_work(text):
        return [Section(0, "company")]
    found = [Section(0, "mentioned")]
    state = ("mentioned", False)
    pos = 0
    for line in text.splitlines(keepends=True):
        state = _next_section(state, line)
        if state[0] != found[-1].kind:
            found.append(Section(pos, state[0]))
        pos += len(line)
    return found


def _next_section(state: tuple[str, bool], line: str) -> tuple[str, bool]:
    """The section a line belongs to, after a line in section ``state`` (its kind, and whether
    a heading opened it with nothing but blank lines since). A rule ("---") ends a section: what
    follows is the next ad of a multi-role HN post, not the last one's perks; but a rule right
    under a heading underlines it ("QUALIFICATIONS\n--------------")."""
    stripped = line.strip()
    if stripped and stripped[0] in _RULE_CHARS and _is_rule(stripped):
        return state if state[1] else ("mentioned", False)
    kind = _heading(line)
    if kind:
        # ("Benefits: health, 401k" carries its content: a rule under it ends it.)
        return kind, not stripped.partition(":")[2].strip()
    return state[0], state[1] and not stripped


_RULE_CHARS = "-*_=~—–"


def _is_rule(stripped: str) -> bool:
    return len(stripped) >= 3 and not stripped.strip(_RULE_CHARS)


def _heading(line: str) -> str | None:
    """The kind of section ``line`` heads, if it is a heading."""
    stripped = line.strip().lstrip("-*•#> ").strip()
    head = stripped.split(":", 1)[0] if ":" in stripped[:_MAX_HEADING] else stripped
    if 0 < len(head) <= _MAX_HEADING and _looks_like_heading(stripped, head):
        if head == stripped and line.lstrip()[:1] in _LIST_MARKS and head.lower().endswith("stack"):
            return None  # a list item naming a stack ("- Web stack", "* ELK stack"), no heading
        heading = _HEADING_Q.match(head)
        if heading:
            return heading.lastgroup
    return None


_LIST_MARKS = "-*•"


def _looks_like_heading(line: str, head: str) -> bool:
    # A heading is short and stands alone, or ends with a colon ("Requirements: Go, AWS").
    return len(line) <= _MAX_HEADING or line[len(head) : len(head) + 1] == ":"


@dataclass(frozen=True)
class Verdict:
    level: str | None  # None: not a demand at all (negated, employer history)
    rule: str  # why, for `jobtrends explain`


class Layout:
    """A text's sections and what its sentences say, worked out once for all its hits, and only
    as far as they go: asked about hits in order, it reads the lines up to each in turn."""

    def __init__(self, text: str, employer: str | None = None) -> None:
        self.text = text
        self.seeking_work = seeking_work = _offers_work(text)  # as in sections()
        self._state = ("company" if seeking_work else "mentioned", False)
        self._lines = iter(() if seeking_work else text.splitlines(keepends=True))
        self._read = 0  # where the next line starts
        self._cues: dict[tuple[int, int], str | None] = {}  # a list sentence has many hits
        self._sentence = (0, -1, (0, 0))  # (from, to, bounds): see sentence()
        # Who is hiring: an HN post names it in its header; a job board says (``employer``).
        self.employer = None if employer else _header_employer(text)
        self.board_employer = _employer_name(employer) if employer else None
        self.employer_names = _employer_names(text, self.employer)

    def section(self, at: int) -> str:
        """The kind of the section ``at`` stands in (as ``sections(text)`` has it)."""
        while self._read <= at:
            line = next(self._lines, None)
            if line is None:
                break
            self._state = _next_section(self._state, line)
            self._read += len(line)
        return self._state[0]

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """``sentence_bounds(text, start, end)``, for hits in order. A sentence ends at its first
        stop after the hit, so a later hit before that stop ("AWS, GCP and Azure.") shares its
        bounds, unless the first hit itself holds a stop."""
        after, until, bounds = self._sentence
        if after <= start and end <= until:
            return bounds
        bounds = sentence_bounds(self.text, start, end)
        hit = self.text[start:end]
        if not any(stop in hit for stop in ".!?;\n"):
            self._sentence = (end, bounds[1] - 1, bounds)
        return bounds

    def sentence_cue(self, s_start: int, s_end: int) -> str | None:
        """What the sentence's wording says (see _sentence_cue)."""
        key = (s_start, s_end)
        if key not in self._cues:
            self._cues[key] = _sentence_cue(self.text[s_start:s_end].lower())
        return self._cues[key]


def judge(layout: Layout, start: int, end: int, product_word: bool = False) -> Verdict:
    """The level of the mention at ``layout.text[start:end]``, or why it is no demand.
    ``product_word``: the words also name what companies sell ("monitoring"), so in a sentence
    saying what a product does they are the company's business."""
    text = layout.text
    before = text[max(0, start - 40) : start]
    # Which of the rules about the words before the hit can apply at all (see _Words); none
    # looks further back than 80 characters.
    history, history_list, analogy, like, building, compared, negation, examples = (
        _BEFORE_WORDS.present(text[max(0, start - 80) : start])
    )
    if (
        (history and _HISTORY.search(before))
        or (history_list and _HISTORY_LIST.search(text, max(0, start - 80), start))
        or (
            text.find("rom ", max(0, start - _PLACES_BACK), start) != -1  # from, From
            and _FROM_PLACES.search(text, max(0, start - _PLACES_BACK), start)
        )
    ):
        return Verdict(None, "employer history (ex-/former)")
    if _in_link(text, start, end):
        return Verdict(None, "inside a link or an e-mail address")
    # (The match anchored at the hit's end first: a quarter of the cost of a search.)
    if analogy and _ANALOGY_AFTER.match(text, end) and _ANALOGY_BEFORE.search(before):
        return Verdict(None, "analogy (a private AWS)")
    if _LIKE_SUFFIX.match(text, end):
        return Verdict(None, "analogy (an AWS VPC-like feature)")
    if like and _LIKE_AFTER.match(text, end) and _LIKE_BEFORE.search(before):
        return Verdict(None, "analogy (the AWS for life sciences)")
    if like and _BUT_FOR_AFTER.match(text, end) and _IS_LIKE_BEFORE.search(before):
        return Verdict(None, "analogy (like New Relic, but for security)")
    if building and _FOR_A_NAME_AFTER.match(text, end) and _BUILDING_BEFORE.search(before):
        return Verdict(None, "analogy (building Vercel for AI)")
    if compared and _COMPARED_BEFORE.search(text, max(0, start - 80), start):
        return Verdict(None, "comparison (an alternative to AWS Lambda)")
    if _ALTERNATIVE_AFTER.match(text, end):
        return Verdict(None, "comparison (an open source Firebase alternative)")
    if examples and _EXAMPLES_BEFORE.search(text, max(0, start - 80), start):
        return Verdict("company", "among example companies (companies like Heroku and GitHub)")
    s_start, s_end = layout.sentence(start, end)
    if (
        negation and _NEGATION_BEFORE.search(text[max(s_start, start - 80) : start])
    ) or _NEGATION_AFTER_Q.search(text[end:s_end]):
        return Verdict(None, "negated")
    if _later(text, start, end, s_start, s_end):
        return Verdict(None, "a tool the team may adopt later")
    section = layout.section(start)
    if _names_employer(layout, start, end):
        return Verdict("company", "names the employer (At Docker, we...)")
    if layout.board_employer and layout.board_employer == text[start:end].lower():
        # Docker's own postings: "Docker's finance processes", "sales tools such as Outreach
        # and Docker" are the employer and its business, even among the requirements.
        if _POSSESSIVE.match(text, end):
            return Verdict("company", "the employer's own name, in the possessive")
        if _BUSINESS_Q.search(text, s_start, s_end):
            return Verdict("company", "the employer's own name, in a sentence about its business")
    if layout.seeking_work:
        return Verdict("company", "the poster's own skills (seeking work)")
    if section == "company":
        # "We use Go and AWS", "experience with AWS required" (a list of roles under "Who we
        # are"): the wording's level; the company's partners and customers stay the company.
        cue = layout.sentence_cue(s_start, s_end)
        sentence = text[s_start:s_end].lower()
        if (cue in ("required", "preferred") and _ASKS_Q.search(sentence)) or (
            cue is None
            and (
                _STACK_CUE_Q.search(sentence)
                or _bare_list(text, s_start, sentence)
                or _employer_says(layout, s_start, _USES)  # "SkilledUp uses a pull request..."
                # "* Software Engineers (python, django, PG, AWS)": a role's stack
                or _in_a_role_s_stack(sentence, start - s_start)
            )
        ):
            return Verdict(cue or "mentioned", "the team's tools, in a section about the company")
        return Verdict("company", "in a section about the company or its benefits")
    if _POSSESSIVE_COMPANY.match(text, end):
        return Verdict("company", "the company in the possessive (Docker's products)")
    cue = layout.sentence_cue(s_start, s_end)
    if cue == "company" and _stack_clause_before_company(text[s_start:s_end], start - s_start):
        cue = None
    elif cue is None and _employer_says(layout, s_start):
        cue = "company"
    if cue == "marketplace":
        return Verdict("company", "stacks a marketplace can match you with")
    if cue == "company":
        return Verdict("company", "sentence about the company (partners, customers, product)")
    asked = cue in ("required", "preferred")
    # "<Employer> is ..." and "At <Employer> we're building ..." say what the employer sells,
    # unless the hit's own clause asks for it ("ThoughtWorks is known for best practices, so
    # experience with ... continuous integration is a huge plus"; not "Acme is application
    # monitoring for modern teams, and experience with Go is required").
    if product_word and (
        _says_what_a_product_does(text[s_start:s_end].lower(), start - s_start, asked=asked)
        or (
            not _asked_in_its_clause(text, start, s_start, s_end)
            and (
                _employer_says(layout, s_start, _EMPLOYER_IS)
                or _at_employer_we_build(layout, s_start)
            )
        )
    ):
        return Verdict("company", "what a product does (an application monitoring SaaS)")
    if section == "preferred" or cue == "preferred":
        return Verdict("preferred", "nice-to-have section or wording")
    if section == "required" or cue == "required":
        return Verdict("required", "requirements section or wording")
    if layout.board_employer and layout.board_employer == text[start:end].lower():
        # Docker's own postings: "pitch the Docker value" is the product, while "experience
        # with Docker" among the requirements is still a demand.
        return Verdict("company", "the employer's own name, outside the requirements")
    return Verdict("mentioned", "stack, responsibilities or no heading")


def _later(text: str, start: int, end: int, s_start: int, s_end: int) -> bool:
    """Whether the hit names a tool the team may adopt some day: in the list after "keen to
    extend our knowledge ... with technologies like" (up to the next clause), or the subject of
    "... are likely to join this list" with no comma between (not "We use Python and AWS, and Go
    is likely to join this list")."""
    cue = _LATER_AFTER_Q.search(text, s_start, start)
    if cue and not _CLAUSE_BREAK.search(text, cue.end(), start):
        return True  # (not "... with tools like Rust, and you will run our Kubernetes")
    cue = _LATER_BEFORE_Q.search(text, end, s_end)
    return (
        bool(cue) and cue.start() - end < 40 and not any(c in text[end : cue.start()] for c in ",;")
    )


def _bare_list(text: str, s_start: int, sentence: str) -> bool:
    """Whether a (lower-cased) sentence or list item is nothing but a list of names, four or more
    of a few words each ("- Docker, mesos, marathon, grpc, ecs, terraform..."), and the line
    before it introduces no customers, investors or partners ("Our investors:", "used by teams
    including:"): under "About us" such a line is the team's stack."""
    items = _LIST_ITEM.split(sentence.strip(" \t\n-*•.…"))
    if len(items) < 4 or not all(0 < len(item.split()) <= 3 for item in items):
        return False
    intro = text[max(0, s_start - 200) : s_start].rstrip().rsplit("\n", 1)[-1].lower()
    return not (_LIST_OF_OTHERS.search(intro) or _COMPANY_CUE_L.search(intro))


_LIST_ITEM = re.compile(r"\s*(?:,|;|\band\b)\s*")
# A list item opening with a role's title and a parenthesis its hit stands in, up to the hit:
# "* Front-End & Full-Stack Software Engineers (js/bootstrap/angularjs, django/python, PG, "
# (not "- Senior engineers (AWS Heroes, Kubernetes maintainers)", "* Our customers are
# developers (building on AWS)")
_ROLE_STACK_BEFORE = re.compile(
    r"\s*[-*•·]\s*((?!(our|we|a|an|the|are|is|of|many|team|help)\b)[\w.+#/&-]+\s+){0,5}"
    r"(engineers?|developers?|programmers?|devs?)\s*\([^()\n]*$"
)
_PEOPLE_IN_PARENS = re.compile(
    r"\b(from|ex-|alumni|formerly|previously|who|with|heroes|maintainers|champions|experts)\b"
)


def _in_a_role_s_stack(sentence: str, at: int) -> bool:
    """Whether the hit at ``at`` in a (lower-cased) list item stands in the parenthesis after
    the role's title that opens it, and the parenthesis names tools, not people."""
    before = _ROLE_STACK_BEFORE.match(sentence, 0, at)
    if before is None:
        return False
    opening = sentence.rfind("(", 0, at)
    closing = sentence.find(")", at)
    inside = sentence[opening : closing if closing != -1 else len(sentence)]
    return _PEOPLE_IN_PARENS.search(inside) is None


_LIST_OF_OTHERS = re.compile(
    r"\b(investors?|backers|customers?|clients|partners?|partnered|used by|trusted by|including|"
    r"include|such as|offices?|locations?)\b"
)
_USES = re.compile(r"(?: [A-Z][\w.]*)?\s+uses\b")
_EMPLOYER_IS = re.compile(
    r"(?: [A-Z][\w.]*)?\s+(is|are|builds|makes|provides|offers)\b"
    r"(?! (looking|hiring|seeking|searching|growing|expanding|recruiting|building|migrating|"
    r"moving|scaling|investing|adopting)\b)"
)


# "At <Employer> we're building" and what it builds, said of the employer's product like
# "<Employer> is ...": "a continuous Deployment service", "the next generation of developer
# automation", "Heroku for Continuous Integration" (not "At Acme we build our services in Go").
_AT_EMPLOYER_WE = re.compile(
    r",?\s+we(['’]re|\s+are)?\s+(building|build|make|making)\s+"
    r"((a|an|the)\s|(?-i:[A-Z])[\w.-]*\s+for\s+(?-i:[A-Z]))",
    re.I,
)


def _says_what_a_product_does(sentence: str, at: int, asked: bool = False) -> bool:
    """Whether a (lower-cased) sentence says what a product does, for a hit at ``at`` in it.
    In a sentence that asks for skills (``asked``) only a hit inside the product's own noun
    phrase counts: "experience with containers in regulated industries" is no product."""
    if not asked and _PRODUCT_Q.search(sentence):
        return True
    if not _PRODUCT_IS_Q.search(sentence):
        return False
    return any(m.start() <= at < m.end() for m in _PRODUCT_IS.finditer(sentence))


def _asked_in_its_clause(text: str, start: int, s_start: int, s_end: int) -> bool:
    """Whether the clause holding the hit at ``start`` (a sentence cut at ", so", ", and",
    ", but", ";" and ":") asks for a skill ("experience with", "a plus", "required", ...)."""
    clause_start = s_start
    for found in _CLAUSE_BREAK.finditer(text, s_start, start):
        clause_start = found.end()
    after = _CLAUSE_BREAK.search(text, start, s_end)
    return bool(_ASKS_Q.search(text[clause_start : after.start() if after else s_end].lower()))


_CLAUSE_BREAK = re.compile(r",\s+(so|and|but)\s|;|:\s")


def _employer_says(layout: Layout, s_start: int, says: re.Pattern[str] = _SELLS) -> bool:
    """Whether the sentence at ``s_start`` opens with the employer's name and then ``says``:
    what it does for others (``_SELLS``: "Checkly helps engineers build reliable products by
    unifying testing, monitoring and observability"), or what it is (``_EMPLOYER_IS``: "Galileo
    is AI observability, evals, and guardrails")."""
    end = _after_employer(layout, s_start)
    return end is not None and bool(says.match(layout.text, end))


def _at_employer_we_build(layout: Layout, s_start: int) -> bool:
    """The same said as "we": "At CircleCI we're building Heroku for Continuous Integration"."""
    end = _after_employer(layout, s_start, before="at ")
    return end is not None and bool(_AT_EMPLOYER_WE.match(layout.text, end))


def _after_employer(layout: Layout, s_start: int, before: str = "") -> int | None:
    """Where the employer's name ends, when the sentence at ``s_start`` opens with ``before``
    (lower-case) and the name."""
    name = layout.board_employer or (layout.employer[0] if layout.employer else None)
    if not name:
        return None
    text = layout.text
    while s_start < len(text) and text[s_start].isspace():
        s_start += 1  # (a sentence's bounds may hold the space after the stop before it)
    start = s_start + len(before)
    if text[s_start:start].lower() != before or text[start : start + len(name)].lower() != name:
        return None
    return start + len(name)


def _stack_clause_before_company(sentence: str, at: int) -> bool:
    """Whether the hit at ``sentence[at:]`` is in a clause naming the team's tools before the
    sentence turns to the company ("Our team uses Go and Docker, and we already have customers
    like Slack"): the sentence's company wording all comes after it."""
    before = sentence[:at].lower()
    return bool(_STACK_CUE_Q.search(before) and not _COMPANY_CUE_L.search(before))


def _sentence_cue(sentence: str) -> str | None:
    """What the (lower-cased) sentence's wording says, strongest first."""
    marketplace, required, company, preferred = _CUE_WORDS.present(sentence)
    if marketplace and _MARKETPLACE_CUE_L.search(sentence):
        return "marketplace"
    required = required and bool(_REQUIRED_CUE_L.search(sentence))
    if not required and company and _COMPANY_CUE_L.search(sentence):
        return "company"
    if preferred and _PREFERRED_CUE_L.search(sentence):
        return "preferred"
    return "required" if required else None


_MARKETPLACE_CUE_L = re.compile(_MARKETPLACE_CUE.pattern)
_REQUIRED_CUE_L = re.compile(_REQUIRED_CUE.pattern)
_COMPANY_CUE_L = re.compile(_COMPANY_CUE.pattern)
_PREFERRED_CUE_L = re.compile(_PREFERRED_CUE.pattern)
_CUE_WORDS = _Words(_MARKETPLACE_CUE_L, _REQUIRED_CUE_L, _COMPANY_CUE_L, _PREFERRED_CUE_L)


# What follows an employer's name that opens a post: a dash glued to the next capitalised word
# ("Mesosphere-San Francisco"), its legal form (", Inc."), or a parenthesis of its site, batch
# or terms ("(https://...)", "(YC W15)", "(INTERN, VISA)").
_OPENING_NAME_END = re.compile(
    r"-(?=[A-Z])|,? ([Ii]nc|LLC|[Ll]td|GmbH)\b|\s+\((?=[A-Z]|https?:|www\.)"
)


def _names_employer(layout: Layout, start: int, end: int) -> bool:
    """Whether the hit at ``text[start:end]`` is where the posting names its employer (or a
    company it works with: "a hack day with our friends at Chef")."""
    text = layout.text
    if _EMPLOYER_BEFORE_Q.search(text, max(0, start - 12), start) and _EMPLOYER_AFTER.match(
        text, end
    ):
        return True
    # (The regex only where "at" stands in the four characters before the hit: it would be
    # tried on every hit.)
    if (
        text.find("at", max(0, start - 4), start) != -1
        and _TEAM_AT_BEFORE.search(text, max(0, start - 70), start)
        and _CLAUSE_END.match(text, end)
    ):
        return True
    # (The match anchored at the hit's end first: a quarter of the cost of a search.)
    if _SUBJECT_AFTER.match(text, end) and _SUBJECT_BEFORE.search(text, max(0, start - 30), start):
        return True
    # An HN post's first word, glued to what follows ("Mesosphere-San Francisco", "Mesosphere,
    # Inc. (INTERN, VISA)"), where no separator marks the header's fields.
    if (
        layout.board_employer is None
        and _OPENING_NAME_END.match(text, end)
        and not text[:start].strip()
    ):
        return True
    # The first field of an HN header line ("Docker | Sales | Remote"), and the same name
    # anywhere else ("Rackspace focuses on...").
    employer = layout.employer
    if employer is None:
        return False
    if start < employer[1]:
        return _NAME_END.search(text, 0, start) is None
    return text[start:end].lower() in layout.employer_names


def _employer_name(company: str) -> str | None:
    """A company's name, lower-cased and without its legal form ("Docker, Inc." and "Grafana
    Labs" are "docker" and "grafana")."""
    name = company.strip().lower()
    while (shorter := _LEGAL_FORM.sub("", name).strip(" ,.")) != name:
        name = shorter  # "Acme Co., Ltd."
    return name or None


_NAME_END = re.compile(r"[(\[]")  # "Buildkite [CI Devtool]", "Acme (YC W21)"
_SITE_OR_BATCH = re.compile(
    r"\s*\(\s*((https?://|www\.)?[\w-]+(\.[\w-]+)*\.[a-z]{2,}/?|yc\s*[wsfx]\d{2}|y combinator[^)]*)"
    r"\s*\)\s*$",
    re.I,
)
_LEGAL_FORM = re.compile(
    r"[\s,]+(inc|ltd|llc|gmbh|ag|se|b\.?v|n\.?v|plc|corp|co|labs|technologies|software)\.?$"
)


def _employer_names(text: str, employer: tuple[str, int] | None) -> frozenset[str]:
    """The names an HN header's employer goes by: its name, and either of two where the header
    gives two and a role follows ("Librato/SolarWinds Cloud | Data Engineer | SF"; not
    "Python/AWS | Acme Corp | Backend Engineer", a stack before the employer)."""
    if employer is None:
        return frozenset()
    name, at = employer
    if "/" in name and _ROLE_FIELD.match(text, at):
        return frozenset((name, *(part.strip() for part in name.split("/"))))
    return frozenset((name,))


_ROLE_FIELD = re.compile(
    r"\s*(\||[-–—•])\s*[^|\n]*\b(engineers?|developers?|programmers?|designers?|scientists?|"
    r"managers?|analysts?|architects?|sres?|devops|interns?|leads?)\b",
    re.I,
)


def _header_employer(text: str) -> tuple[str, int] | None:
    """The employer an HN header line names first, lower-cased, and where that field ends:
    "Docker | Sales | Remote", "Rackspace - San Antonio, TX - Full time"."""
    line_end = text.find("\n")
    line = text[: line_end if line_end != -1 else len(text)]
    for sep in ("|", " - ", " — ", " – ", " -", " • "):
        at = line.find(sep)
        # One " - " is enough when a short name comes first ("Rackspace - San Francisco, CA",
        # "Hosted Graphite (www.hostedgraphite.com) - UI developer"), and so is " -" glued to
        # what follows ("DigitalOcean -https://...- New York").
        # A parenthesis of the company's site or batch counts out ("PagerDuty (YC W10) - San
        # Francisco"; not "Rust Engineer (Remote) - Acme" nor "Golang (remote, contract) - Acme").
        name = _SITE_OR_BATCH.sub("", line[:at])
        if 0 < at <= _MAX_HEADER_COMPANY and (
            sep == "|" or line.count(sep) >= 2 or len(name.split()) <= 2
        ):
            # "Software Engineer @ Splunk (splunk.com) | SF": the employer follows the "@".
            name = _employer_name(_NAME_END.split(line[:at], maxsplit=1)[0].rsplit(" @ ", 1)[-1])
            return (name, at) if name else None
    # "Splunk, San Francisco, CA": a short name, then a city and its state or country.
    comma = _NAME_THEN_PLACE.match(line)
    if comma:
        name = _employer_name(comma["name"])
        return (name, comma.end("name")) if name else None
    return None


_NAME_THEN_PLACE = re.compile(
    r"(?P<name>[A-Z][\w.&'-]*( [A-Z][\w.&'-]*)?), [A-Z][a-z]+( [A-Z][a-z]+)*, ([A-Z]{2}|[A-Z][a-z]+)\b"
)


def _in_address(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside an e-mail address ("travis@electriqpower.com"),
    not "AWS@scale", "terraform@1.6" or "jobs@acme.com|Go,Kubernetes"."""
    left = start
    while left > 0 and (text[left - 1].isalnum() or text[left - 1] in "._+-@"):
        left -= 1
    address = _ADDRESS.match(text, left)
    return address is not None and address.end() >= end


_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)*\.[a-zA-Z]{2,}\b")
# An address spelled out against scrapers: "dmangot[at]librato[dot]com", "jobs (at) acme (dot) io".
# (Brackets that match, and a literal dot only between letters: "Kubernetes (at) scale. Docker"
# is no address.)
_AT = r"(\[at\]|\(at\))"
_SPELLED_ADDRESS = re.compile(
    rf"[\w.+-]+\s?{_AT}\s?[\w-]+(\s?(\[dot\]|\(dot\))\s?[\w-]+|\.(?=\w)[\w-]+)*"
    r"(\s?(\[dot\]|\(dot\))\s?|\.(?=\w))[a-z]{2,}\b",
    re.I,
)
_SPELLED_AT = re.compile(_AT, re.I)  # (its "at": looked for before the whole address)
_SPELLED_REACH = 60  # characters an address may reach either side of a hit inside it
# ... and where its "at" is looked for first: names and hosts are short, and a wider look at every
# hit costs matching 5-9% of its speed.
_SPELLED_AT_NEAR = 30


def _in_spelled_address(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside an address spelled "name[at]host[dot]com"."""
    lo, hi = max(0, start - _SPELLED_REACH), min(len(text), end + _SPELLED_REACH)
    for m in _SPELLED_ADDRESS.finditer(text, lo, hi):
        if m.start() <= start and m.end() >= end:
            return True
    return False


def _in_link(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside a URL (in "Docker:https://x.io/docker", only the
    second Docker does) or an e-mail address, written out ("Email travis@electriqpower.com") or
    spelled against scrapers ("jane[at]librato[dot]com")."""
    space = text.rfind(" ", 0, start)
    left = max(space, text.rfind("\n", space + 1, start)) + 1  # a newline after the space
    if (text.startswith("@", end) or text.find("@", left, start) != -1) and _in_address(
        text, start, end
    ):
        return True
    # (one search in place for the "at" first: no slice or lower-casing per hit)
    near = _SPELLED_AT_NEAR
    if _SPELLED_AT.search(text, max(0, start - near), end + near) and _in_spelled_address(
        text, start, end
    ):
        return True
    m = _URL_Q.search(text, left, end)
    return m is not None and m.start() <= start
