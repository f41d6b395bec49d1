//! Generates the sample organisation and its survey responses in `content/survey/` (the
//! instrument there is written by hand). Deterministic: the same run gives the same files, so the
//! committed YAML can be regenerated and compared.
//!
//!     cargo run --example generate_sample -- content/survey
//!
//! A second argument repeats the sample's teams that many times (ids `sales-north-1-c2`…), for
//! benchmarks of large organisations: `generate_sample /tmp/big/content/survey 15`.
//!
//! Each team has a trust profile per wave (ability, integrity, benevolence on the 1-5 scale);
//! people vary around it and answers vary around the person, so teams and waves differ the way
//! real ones do: one team improves on integrity, another slides on benevolence, one has too few
//! respondents to report in the autumn.
//!
//! Each person's three dimensions share a general part, so they correlate as in published
//! data, and the two outcome items (overall trust, willingness to rely) follow from them. The
//! same people rate their team leader (the leader module, `instruments/leader-trust.yaml`):
//! `responses/<wave>-leader.yaml`, from its own random stream.
//!
//! The sales and service teams' customers rate them too, on the customer-trust instrument
//! (`instruments/customer-trust.yaml`, written by hand): one file per wave,
//! `responses/<wave>-customers.yaml`, from its own random stream, so the members' answers stay
//! as they were.

// Tests and tools set up and inspect files freely (see clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::fmt::Write;
use std::path::PathBuf;

struct TeamPlan {
    id: &'static str,
    unit: &'static str,
    zh: &'static str,
    en: &'static str,
    headcount: u32,
    respondents: [usize; 2],
    /// Ability, integrity, benevolence: spring, then autumn.
    profile: [[f64; 3]; 2],
}

const UNITS: &[(&str, Option<&str>, &str, &str)] = &[
    ("sales", None, "销售中心", "Sales"),
    ("sales-north", Some("sales"), "华北区", "North"),
    ("sales-east", Some("sales"), "华东区", "East"),
    ("rd", None, "研发中心", "Research and development"),
    ("rd-platform", Some("rd"), "平台研发部", "Platform engineering"),
    ("rd-product", Some("rd"), "产品研发部", "Product engineering"),
    ("ops", None, "运营中心", "Operations"),
    ("ops-service", Some("ops"), "客户服务部", "Customer service"),
    ("ops-supply", Some("ops"), "供应链部", "Supply chain"),
];

const TEAMS: &[TeamPlan] = &[
    TeamPlan {
        id: "sales-north-1",
        unit: "sales-north",
        zh: "北京一组",
        en: "Beijing 1",
        headcount: 12,
        respondents: [10, 11],
        profile: [[4.0, 2.9, 3.6], [4.1, 3.7, 3.8]],
    },
    TeamPlan {
        id: "sales-north-2",
        unit: "sales-north",
        zh: "天津组",
        en: "Tianjin",
        headcount: 9,
        respondents: [7, 8],
        profile: [[3.7, 3.8, 3.9], [3.6, 3.7, 3.8]],
    },
    TeamPlan {
        id: "sales-east-1",
        unit: "sales-east",
        zh: "上海一组",
        en: "Shanghai 1",
        headcount: 14,
        respondents: [12, 13],
        profile: [[4.1, 3.9, 3.7], [4.2, 4.0, 3.9]],
    },
    TeamPlan {
        id: "sales-east-2",
        unit: "sales-east",
        zh: "杭州组",
        en: "Hangzhou",
        headcount: 10,
        respondents: [8, 7],
        profile: [[3.5, 3.6, 3.3], [3.4, 3.4, 2.8]],
    },
    TeamPlan {
        id: "sales-east-3",
        unit: "sales-east",
        zh: "南京组",
        en: "Nanjing",
        headcount: 6,
        respondents: [5, 4],
        profile: [[3.6, 3.5, 3.7], [3.5, 3.4, 3.6]],
    },
    TeamPlan {
        id: "rd-platform-1",
        unit: "rd-platform",
        zh: "基础架构组",
        en: "Infrastructure",
        headcount: 13,
        respondents: [11, 12],
        profile: [[4.3, 3.8, 3.2], [4.3, 3.9, 3.4]],
    },
    TeamPlan {
        id: "rd-platform-2",
        unit: "rd-platform",
        zh: "数据平台组",
        en: "Data platform",
        headcount: 11,
        respondents: [9, 10],
        profile: [[3.9, 4.0, 3.9], [4.0, 4.1, 4.0]],
    },
    TeamPlan {
        id: "rd-product-1",
        unit: "rd-product",
        zh: "移动端组",
        en: "Mobile apps",
        headcount: 15,
        respondents: [13, 15],
        profile: [[3.3, 3.5, 3.6], [3.8, 3.6, 3.7]],
    },
    TeamPlan {
        id: "rd-product-2",
        unit: "rd-product",
        zh: "网页组",
        en: "Web",
        headcount: 10,
        respondents: [8, 9],
        profile: [[3.8, 3.4, 3.5], [3.7, 3.0, 3.3]],
    },
    TeamPlan {
        id: "ops-service-1",
        unit: "ops-service",
        zh: "热线服务组",
        en: "Hotline",
        headcount: 16,
        respondents: [14, 15],
        profile: [[3.6, 3.9, 4.1], [3.7, 4.0, 4.2]],
    },
    TeamPlan {
        id: "ops-service-2",
        unit: "ops-service",
        zh: "大客户服务组",
        en: "Key accounts",
        headcount: 8,
        respondents: [6, 6],
        profile: [[4.0, 4.2, 4.0], [4.1, 4.3, 4.2]],
    },
    TeamPlan {
        id: "ops-supply-1",
        unit: "ops-supply",
        zh: "仓储组",
        en: "Warehousing",
        headcount: 12,
        respondents: [10, 9],
        profile: [[3.3, 3.2, 3.4], [3.2, 2.9, 3.0]],
    },
    TeamPlan {
        id: "ops-supply-2",
        unit: "ops-supply",
        zh: "物流调度组",
        en: "Dispatch",
        headcount: 9,
        respondents: [7, 8],
        profile: [[3.7, 3.6, 3.5], [3.8, 3.8, 3.7]],
    },
    TeamPlan {
        id: "ops-supply-3",
        unit: "ops-supply",
        zh: "采购组",
        en: "Purchasing",
        headcount: 7,
        respondents: [5, 6],
        profile: [[3.8, 3.2, 3.6], [3.9, 3.5, 3.7]],
    },
];

const WAVES: [(&str, &str); 2] = [("2026-spring", "2026-03-15"), ("2026-autumn", "2026-09-15")];
/// When each wave's survey closed: two weeks after it opened.
const WAVE_CLOSES: [&str; 2] = ["2026-03-29", "2026-09-29"];
/// How readers know the waves, per language.
const WAVE_NAMES: [(&str, &str); 2] = [("2026年春季", "Spring 2026"), ("2026年秋季", "Autumn 2026")];

/// Items per dimension, with whether each is reverse-keyed (as in instrument.yaml).
const ITEMS: [[(&str, bool); 6]; 3] = [
    [("AB1", false), ("AB2", false), ("AB3", false), ("AB4", false), ("AB5", true), ("AB6", true)],
    [("IN1", false), ("IN2", false), ("IN3", false), ("IN4", false), ("IN5", true), ("IN6", true)],
    [("BE1", false), ("BE2", false), ("BE3", false), ("BE4", false), ("BE5", true), ("BE6", true)],
];

/// The outcome items (overall trust, willingness to rely), after the dimensions' items.
const OUTCOME_ITEMS: [&str; 2] = ["OT1", "OT2"];

/// How much each dimension weighs in a person's overall trust in the team (ability,
/// integrity, benevolence): in field studies integrity and benevolence predict trust more
/// than ability does.
const OUTCOME_WEIGHTS: [f64; 3] = [0.25, 0.4, 0.35];

/// The leader module's items per dimension (instruments/leader-trust.yaml).
const LEADER_ITEMS: [[(&str, bool); 4]; 3] = [
    [("LA1", false), ("LA2", false), ("LA3", true), ("LA4", true)],
    [("LI1", false), ("LI2", false), ("LI3", true), ("LI4", true)],
    [("LB1", false), ("LB2", false), ("LB3", true), ("LB4", true)],
];

/// Person-level spread: a general disposition to trust the team, shared by the three
/// dimensions (which is what makes them correlate, about 0.7 within a team, as published
/// scales do), and a part of each dimension of its own.
const GENERAL_SD: f64 = 0.4;
const SPECIFIC_SD: f64 = 0.25;
/// Answer noise around the person's level: items worded against the dimension are read a
/// little less consistently. With six items this gives alphas of about 0.8.
const ITEM_SD: f64 = 0.6;
const REVERSE_ITEM_SD: f64 = 0.7;

/// Comments by the dimension a person rates lowest, and for people who rate everything well.
/// Comments written in English by the team's English-speaking members, on the same themes
/// (lowest dimension ability, integrity, benevolence; or all well), one for each of the Chinese
/// bank's places so the random stream, and so every figure, stays as it was.
const COMMENTS_EN: [&[&str]; 4] = [
    &[
        "New people take too long to find their feet; we need proper onboarding.",
        "Handing work to others usually means redoing it myself.",
        "Hard technical problems stall for weeks because nobody can decide.",
        "I wish it were clearer who is responsible for what and who knows what.",
        "Delivery quality goes up and down, and customers have noticed.",
    ],
    &[
        "Things that were agreed often just fade away.",
        "Nobody knows how accounts are assigned, so people speculate.",
        "Decisions reach us at the last minute, without reasons.",
        "When something goes wrong, the first reflex is to find someone to blame.",
        "I would like the promises made by management to be kept.",
        "News reaches us through the grapevine first.",
    ],
    &[
        "Everyone is busy and hardly anyone offers to help.",
        "Suggestions get no reply, so people stop making them.",
        "Competition inside the group is so fierce that we guard against each other.",
        "Mistakes are criticised in public, so nobody admits a problem.",
        "I wish the leader paid more attention to how people develop.",
    ],
    &[
        "The atmosphere is good; we solve problems together.",
        "The weekly update from our leader keeps me at ease.",
        "Colleagues step in for each other.",
        "Communication has clearly improved this half year.",
        "Please keep the current team meetings and reviews.",
    ],
];

const COMMENTS: [&[&str]; 4] = [
    &[
        "新人上手太慢，希望有更系统的培训。",
        "有些任务交给别人总要返工，最后还是自己来做。",
        "技术难题经常卡很久，缺少能拍板的人。",
        "希望每个人的分工和专长更清楚一些。",
        "交付质量起伏比较大，客户也有反映。",
    ],
    &[
        "说好的事情经常没有下文。",
        "客户分配的规则不透明，大家私下议论很多。",
        "很多决定是最后才通知我们的，不知道原因。",
        "出了问题大家先想着推责任。",
        "希望领导答应的事情能兑现。",
        "信息总是通过小道消息传过来。",
    ],
    &[
        "大家都很忙，很少有人主动帮忙。",
        "提了意见没有回音，慢慢就不想说了。",
        "组里竞争太激烈，互相提防。",
        "犯了错会被当众批评，大家不敢承认问题。",
        "希望负责人多关心一下大家的成长。",
    ],
    &[
        "团队氛围很好，有问题大家一起解决。",
        "负责人每周同步进展，心里很踏实。",
        "同事之间愿意互相补位。",
        "这半年沟通明显顺畅了。",
        "希望继续保持现在的例会和复盘。",
    ],
];

/// splitmix64: small, fast and reproducible everywhere.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Standard normal, by Box-Muller.
    fn normal(&mut self) -> f64 {
        let u = self.uniform().max(f64::MIN_POSITIVE);
        let v = self.uniform();
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// A team of the generated organisation: one of the sample's plans under its own id and name.
struct Member {
    id: String,
    zh: String,
    en: String,
    plan: &'static TeamPlan,
}

/// The sample's teams, `copies` times over; a single copy keeps the sample's ids and names.
fn roster(copies: usize) -> Vec<Member> {
    let mut members = Vec::new();
    for copy in 1..=copies {
        for plan in TEAMS {
            let (id, zh, en) = if copies == 1 {
                (plan.id.to_string(), plan.zh.to_string(), plan.en.to_string())
            } else {
                (format!("{}-c{copy}", plan.id), format!("{}·{copy}", plan.zh), format!("{} / {copy}", plan.en))
            };
            members.push(Member { id, zh, en, plan });
        }
    }
    members
}

/// When a team formed and when its current leader took over, where the sample says: the
/// stage of each report follows from them (see `stage_by_months` in content/model.yaml).
fn dates(team: &str) -> (Option<&'static str>, Option<&'static str>) {
    match team {
        "sales-north-1" => (Some("2019-03-01"), None),
        "sales-north-2" => (Some("2023-06-01"), Some("2026-02-01")),
        "sales-east-1" => (Some("2021-09-01"), None),
        "sales-east-2" => (Some("2024-04-01"), None),
        "sales-east-3" => (Some("2025-10-01"), None),
        "rd-platform-1" => (Some("2018-01-01"), None),
        "rd-platform-2" => (Some("2022-05-01"), None),
        "rd-product-1" => (Some("2020-07-01"), None),
        "rd-product-2" => (Some("2026-01-15"), Some("2026-06-01")),
        "ops-service-1" => (Some("2017-03-01"), None),
        "ops-service-2" => (Some("2024-11-01"), None),
        "ops-supply-1" => (Some("2014-06-01"), None),
        "ops-supply-2" => (Some("2019-09-01"), None),
        _ => (None, None),
    }
}

/// Each team's leader (Chinese name, English name, the mailbox before the @): the reports say
/// the leader may read them, and the delivery list sends them their team's report. The
/// people are made up.
fn leader(team: &str) -> Option<(&'static str, &'static str, &'static str)> {
    Some(match team {
        "sales-north-1" => ("王芳", "Wang Fang", "fang.wang"),
        "sales-north-2" => ("李强", "Li Qiang", "qiang.li"),
        "sales-east-1" => ("张敏", "Zhang Min", "min.zhang"),
        "sales-east-2" => ("周杰", "Zhou Jie", "jie.zhou"),
        "sales-east-3" => ("吴婷", "Wu Ting", "ting.wu"),
        "rd-platform-1" => ("郑浩", "Zheng Hao", "hao.zheng"),
        "rd-platform-2" => ("孙悦", "Sun Yue", "yue.sun"),
        "rd-product-1" => ("马超", "Ma Chao", "chao.ma"),
        "rd-product-2" => ("胡蓉", "Hu Rong", "rong.hu"),
        "ops-service-1" => ("郭亮", "Guo Liang", "liang.guo"),
        "ops-service-2" => ("何琳", "He Lin", "lin.he"),
        "ops-supply-1" => ("高峰", "Gao Feng", "feng.gao"),
        "ops-supply-2" => ("林涛", "Lin Tao", "tao.lin"),
        "ops-supply-3" => ("罗娜", "Luo Na", "na.luo"),
        _ => return None,
    })
}

/// The heads of the top-level units, who receive their unit's pack (made up, like the teams'
/// leaders).
fn unit_head(unit: &str) -> Option<(&'static str, &'static str, &'static str)> {
    Some(match unit {
        "sales" => ("陈静", "Chen Jing", "jing.chen"),
        "rd" => ("刘洋", "Liu Yang", "yang.liu"),
        "ops" => ("赵磊", "Zhao Lei", "lei.zhao"),
        _ => return None,
    })
}

/// A person's fields in organisation.yaml: `leader` and `recipients`; copies of the sample's
/// teams get mailboxes of their own.
fn person_fields(person: Option<(&str, &str, &str)>, copy: &str) -> String {
    person.map_or(String::new(), |(zh, en, mailbox)| {
        format!(
            ", leader: {{zh: {zh}, en: {en}}}, recipients: [{{name: {{zh: {zh}, en: {en}}}, email: {mailbox}{copy}@example-group.example}}]"
        )
    })
}

/// How a team's customers see it, where customers rate it: respondents per wave and the
/// profile (ability, integrity, benevolence) per wave. Each account team has its own story:
/// Beijing 1 is trusted for its competence but customers feel neglected after the sale;
/// Shanghai 1 is strong on expertise and overpromises; Shanghai 3 has too few customers yet.
fn customers(team: &str) -> Option<([usize; 2], [[f64; 3]; 2])> {
    Some(match team {
        "sales-north-1" => ([9, 10], [[4.0, 3.7, 3.1], [4.1, 3.8, 3.0]]),
        "sales-north-2" => ([7, 7], [[3.7, 3.8, 3.7], [3.8, 3.9, 3.8]]),
        "sales-east-1" => ([11, 12], [[4.2, 3.5, 3.7], [4.2, 3.0, 3.6]]),
        "sales-east-2" => ([6, 6], [[3.6, 3.7, 3.6], [3.7, 3.7, 3.7]]),
        "sales-east-3" => ([3, 4], [[3.5, 3.6, 3.6], [3.6, 3.6, 3.7]]),
        "ops-service-1" => ([10, 11], [[4.0, 4.1, 4.2], [4.1, 4.1, 4.2]]),
        "ops-service-2" => ([8, 9], [[3.3, 3.9, 3.8], [3.0, 3.9, 3.9]]),
        _ => return None,
    })
}

const CUSTOMER_ITEMS: [&[(&str, bool)]; 3] = [
    &[("CA1", false), ("CA2", false), ("CA3", false), ("CA4", true)],
    &[("CI1", false), ("CI2", false), ("CI3", false), ("CI4", true)],
    &[("CB1", false), ("CB2", false), ("CB3", false), ("CB4", true)],
];

fn customer_responses_yaml(wave: usize, roster: &[Member], random: &mut Random) -> String {
    let mut out = String::from(
        "# Generated by `cargo run --example generate_sample -- content/survey`: edit the generator, not this file.\n",
    );
    writeln!(out, "wave: {}\ninstrument: customer-trust\nresponses:", WAVES[wave].0).unwrap();
    for team in roster {
        let Some((counts, profile)) = customers(team.plan.id) else { continue };
        for _ in 0..counts[wave] {
            // A customer's view of the team is one impression first, then its parts.
            let general = 0.35 * random.normal();
            let person: Vec<f64> = (0..3).map(|d| profile[wave][d] + general + 0.2 * random.normal()).collect();
            let mut answers = Vec::new();
            for (d, items) in CUSTOMER_ITEMS.iter().enumerate() {
                for (id, reverse) in items.iter() {
                    let value = (person[d] + 0.5 * random.normal()).round().clamp(1.0, 5.0) as i64;
                    let written = if *reverse { 6 - value } else { value };
                    let answer = if random.uniform() < 0.02 { "~".to_string() } else { written.to_string() };
                    answers.push(format!("{id}: {answer}"));
                }
            }
            writeln!(out, "  - team: {}\n    answers: {{{}}}", team.id, answers.join(", ")).unwrap();
        }
    }
    out
}

/// What a unit's teams do, as the model's `function` attribute has it.
fn function(unit: &str) -> &'static str {
    match unit.split('-').next() {
        Some("sales") => "sales",
        Some("rd") => "rd",
        _ if unit == "ops-service" => "service",
        _ => "operations",
    }
}

fn organisation_yaml(roster: &[Member]) -> String {
    let mut out = String::from(
        "# Generated by `cargo run --example generate_sample -- content/survey`: edit the generator, not this file.\n",
    );
    out.push_str("name: {zh: 示例集团, en: Example Group}\nunits:\n");
    for (id, parent, zh, en) in UNITS {
        let parent = parent.map_or(String::new(), |p| format!(", parent: {p}"));
        let head = person_fields(unit_head(id), "");
        writeln!(out, "  - {{id: {id}{parent}, name: {{zh: {zh}, en: {en}}}{head}}}").unwrap();
    }
    out.push_str("teams:\n");
    for team in roster {
        let (formed, leader) = dates(team.plan.id);
        let formed = formed.map_or(String::new(), |d| format!(", formed: {d}"));
        let leader = leader.map_or(String::new(), |d| format!(", leader_since: {d}"));
        let copy = team.id.strip_prefix(team.plan.id).unwrap_or("");
        let person = person_fields(self::leader(team.plan.id), copy);
        writeln!(
            out,
            "  - {{id: {}, unit: {}, name: {{zh: {}, en: {}}}, headcount: {}, attributes: {{function: {}}}{formed}{leader}{person}}}",
            team.id,
            team.plan.unit,
            team.zh,
            team.en,
            team.plan.headcount,
            function(team.plan.unit)
        )
        .unwrap();
    }
    out.push_str("waves:\n");
    for (((id, date), closes), (zh, en)) in WAVES.iter().zip(WAVE_CLOSES).zip(WAVE_NAMES) {
        writeln!(out, "  - {{id: {id}, date: {date}, closes: {closes}, name: {{zh: {zh}, en: {en}}}}}").unwrap();
    }
    out
}

/// How a team's members see their leader (ability, integrity, benevolence) per wave, where it
/// differs from how they see each other by more than a little. Tianjin and Web have new
/// leaders whom the members do not know yet; Warehousing's long-serving leader is respected
/// for competence more than for fairness.
fn leader_offset(team: &str) -> [f64; 3] {
    match team {
        "sales-north-2" => [-0.3, -0.4, -0.2],
        "rd-product-2" => [-0.4, -0.3, -0.3],
        "ops-supply-1" => [0.5, -0.3, 0.0],
        "rd-platform-1" => [0.1, 0.2, 0.4],
        _ => [0.1, 0.1, 0.0],
    }
}

/// One answer of `level` on the 1-5 scale as written in the file: reverse coded where the item
/// is worded against its dimension, and now and then not given.
fn answer(level: f64, reverse: bool, random: &mut Random) -> String {
    let roll = random.uniform();
    let noise = if reverse { REVERSE_ITEM_SD } else { ITEM_SD };
    let value = (level + noise * random.normal()).round().clamp(1.0, 5.0) as i64;
    let written = if reverse { 6 - value } else { value };
    if roll < 0.03 {
        "~".to_string()
    } else if roll < 0.036 {
        "不适用".to_string()
    } else {
        written.to_string()
    }
}

/// A person's levels on the three dimensions around `profile`, sharing a general part.
fn person_levels(profile: &[f64; 3], random: &mut Random) -> [f64; 3] {
    let general = GENERAL_SD * random.normal();
    [0, 1, 2].map(|d| profile[d] + general + SPECIFIC_SD * random.normal())
}

/// The members' answers for `wave`, and their answers about their leader (the leader module,
/// from its own random stream `leader_random`, so the two files share no draws).
fn responses_yaml(wave: usize, roster: &[Member], random: &mut Random, leader_random: &mut Random) -> (String, String) {
    let header =
        "# Generated by `cargo run --example generate_sample -- content/survey`: edit the generator, not this file.\n";
    let mut out = String::from(header);
    let mut leader = String::from(header);
    writeln!(out, "wave: {}\nresponses:", WAVES[wave].0).unwrap();
    writeln!(leader, "wave: {}\ninstrument: leader-trust\nresponses:", WAVES[wave].0).unwrap();
    let mut comments = 0usize;
    for team in roster {
        for _ in 0..team.plan.respondents[wave] {
            let person = person_levels(&team.plan.profile[wave], random);
            let mut answers = Vec::new();
            for (d, items) in ITEMS.iter().enumerate() {
                for (id, reverse) in items {
                    answers.push(format!("{id}: {}", answer(person[d], *reverse, random)));
                }
            }
            let trust: f64 = person.iter().zip(OUTCOME_WEIGHTS).map(|(level, weight)| level * weight).sum();
            let trust = trust + 0.2 * random.normal();
            for id in OUTCOME_ITEMS {
                answers.push(format!("{id}: {}", answer(trust, false, random)));
            }
            writeln!(out, "  - team: {}\n    answers: {{{}}}", team.id, answers.join(", ")).unwrap();
            // The same person on their leader: their general disposition carries over.
            let offset = leader_offset(team.plan.id);
            let mut about_leader = Vec::new();
            for (d, items) in LEADER_ITEMS.iter().enumerate() {
                let level = person[d] + offset[d] + 0.45 * leader_random.normal();
                for (id, reverse) in items {
                    about_leader.push(format!("{id}: {}", answer(level, *reverse, leader_random)));
                }
            }
            writeln!(leader, "  - team: {}\n    answers: {{{}}}", team.id, about_leader.join(", ")).unwrap();
            if random.uniform() < 0.55 {
                let lowest = (0..3).min_by(|a, b| person[*a].total_cmp(&person[*b])).unwrap_or(0);
                let theme = if person[lowest] >= 3.9 { 3 } else { lowest };
                let chosen = random.pick(COMMENTS[theme]);
                let place = COMMENTS[theme].iter().position(|c| *c == chosen).unwrap_or(0);
                // One comment in three is written in English (no random draw, so the answers
                // stay as they were).
                comments += 1;
                if comments.is_multiple_of(3) {
                    writeln!(out, "    comment: \"{}\"\n    comment_lang: en", COMMENTS_EN[theme][place]).unwrap();
                } else {
                    writeln!(out, "    comment: \"{}\"", chosen).unwrap();
                }
            }
        }
    }
    (out, leader)
}

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "content/survey".to_string()));
    let copies: usize = std::env::args().nth(2).and_then(|n| n.parse().ok()).unwrap_or(1).max(1);
    let roster = roster(copies);
    std::fs::create_dir_all(dir.join("responses"))?;
    std::fs::write(dir.join("organisation.yaml"), organisation_yaml(&roster))?;
    let mut random = Random(20_260_315);
    let mut leader_random = Random(20_260_601);
    for (wave, (id, _)) in WAVES.iter().enumerate() {
        let (members, leader) = responses_yaml(wave, &roster, &mut random, &mut leader_random);
        std::fs::write(dir.join("responses").join(format!("{id}.yaml")), members)?;
        std::fs::write(dir.join("responses").join(format!("{id}-leader.yaml")), leader)?;
    }
    let mut random = Random(20_260_901);
    for (wave, (id, _)) in WAVES.iter().enumerate() {
        let text = customer_responses_yaml(wave, &roster, &mut random);
        std::fs::write(dir.join("responses").join(format!("{id}-customers.yaml")), text)?;
    }
    println!("wrote {}", dir.display());
    Ok(())
}
