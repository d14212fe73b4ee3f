"""Service types of the MHLW care-service provider open data (one file per
type, ``jigyosho_<code>.csv``): the name as it appears in the サービスの種類
column, an English name, readings and common names people search with, and
the catalogue categories (services/content/taxonomy.yaml) an entry of that type belongs to.
"""

from typing import NamedTuple


class ServiceType(NamedTuple):
    code: str
    name_ja: str
    name_en: str
    search_words: str  # kana reading and everyday names (デイサービス, ショートステイ)
    categories: tuple


LTC, RESPITE, MEDICAL = "long_term_care", "respite", "medical"

SERVICE_TYPES = (
    ServiceType(
        "110",
        "訪問介護",
        "Home-help (home-visit care)",
        "ほうもんかいご ホームヘルプ ホームヘルパー",
        (LTC,),
    ),
    ServiceType(
        "120",
        "訪問入浴介護",
        "Home-visit bathing",
        "ほうもんにゅうよくかいご にゅうよくサービス",
        (LTC,),
    ),
    ServiceType("130", "訪問看護", "Home-visit nursing", "ほうもんかんご", (LTC, MEDICAL)),
    ServiceType(
        "140",
        "訪問リハビリテーション",
        "Home-visit rehabilitation",
        "ほうもんリハビリ",
        (LTC, MEDICAL),
    ),
    ServiceType("150", "通所介護", "Day service", "つうしょかいご デイサービス", (LTC, RESPITE)),
    ServiceType(
        "155",
        "地域密着型通所介護",
        "Community day service",
        "ちいきみっちゃくがたつうしょかいご デイサービス",
        (LTC, RESPITE),
    ),
    ServiceType(
        "160",
        "通所リハビリテーション",
        "Day care with rehabilitation",
        "つうしょリハビリ デイケア",
        (LTC, MEDICAL, RESPITE),
    ),
    ServiceType(
        "170",
        "福祉用具貸与",
        "Welfare equipment rental",
        "ふくしようぐたいよ レンタル くるまいす",
        (LTC,),
    ),
    ServiceType(
        "210",
        "短期入所生活介護",
        "Short stay",
        "たんきにゅうしょせいかつかいご ショートステイ",
        (LTC, RESPITE),
    ),
    ServiceType(
        "220",
        "短期入所療養介護（介護老人保健施設）",
        "Short stay with medical care (geriatric health facility)",
        "たんきにゅうしょりょうようかいご ショートステイ",
        (LTC, RESPITE, MEDICAL),
    ),
    ServiceType(
        "230",
        "短期入所療養介護（療養病床を有する病院等）",
        "Short stay with medical care (hospital)",
        "たんきにゅうしょりょうようかいご ショートステイ",
        (LTC, RESPITE, MEDICAL),
    ),
    ServiceType(
        "240",
        "短期入所療養介護（介護医療院）",
        "Short stay with medical care (integrated facility)",
        "たんきにゅうしょりょうようかいご ショートステイ",
        (LTC, RESPITE, MEDICAL),
    ),
    ServiceType(
        "320",
        "認知症対応型共同生活介護",
        "Group home for people with dementia",
        "にんちしょうたいおうがたきょうどうせいかつかいご グループホーム",
        (LTC,),
    ),
    ServiceType(
        "331",
        "特定施設入居者生活介護（有料老人ホーム）",
        "Care in a private residential home",
        "とくていしせつ ゆうりょうろうじんホーム",
        (LTC,),
    ),
    ServiceType(
        "332",
        "特定施設入居者生活介護（軽費老人ホーム）",
        "Care in a low-cost home (care house)",
        "とくていしせつ ケアハウス",
        (LTC,),
    ),
    ServiceType(
        "334",
        "特定施設入居者生活介護（サービス付き高齢者向け住宅）",
        "Care in serviced housing for older people",
        "とくていしせつ サこうじゅう",
        (LTC,),
    ),
    ServiceType(
        "361",
        "地域密着型特定施設入居者生活介護",
        "Community residential care",
        "ちいきみっちゃくがたとくていしせつ",
        (LTC,),
    ),
    ServiceType(
        "410",
        "特定福祉用具販売",
        "Sale of welfare equipment",
        "とくていふくしようぐはんばい",
        (LTC,),
    ),
    ServiceType(
        "430",
        "居宅介護支援",
        "Care management (care managers)",
        "きょたくかいごしえん ケアマネジャー ケアマネ ケアプラン",
        (LTC,),
    ),
    ServiceType(
        "510",
        "介護老人福祉施設",
        "Special nursing home",
        "かいごろうじんふくししせつ とくべつようごろうじんホーム とくよう",
        (LTC, RESPITE),
    ),
    ServiceType(
        "520",
        "介護老人保健施設",
        "Geriatric health services facility",
        "かいごろうじんほけんしせつ ろうけん",
        (LTC, MEDICAL),
    ),
    ServiceType(
        "540",
        "地域密着型介護老人福祉施設入所者生活介護",
        "Community special nursing home",
        "ちいきみっちゃくがた とくべつようごろうじんホーム とくよう",
        (LTC,),
    ),
    ServiceType(
        "550",
        "介護医療院",
        "Integrated medical and long-term care facility",
        "かいごいりょういん",
        (LTC, MEDICAL),
    ),
    ServiceType(
        "710",
        "夜間対応型訪問介護",
        "Night-time home-help",
        "やかんたいおうがたほうもんかいご",
        (LTC,),
    ),
    ServiceType(
        "720",
        "認知症対応型通所介護",
        "Day service for people with dementia",
        "にんちしょうたいおうがたつうしょかいご デイサービス",
        (LTC, RESPITE),
    ),
    ServiceType(
        "730",
        "小規模多機能型居宅介護",
        "Small multifunctional home care",
        "しょうきぼたきのうがたきょたくかいご しょうたき",
        (LTC, RESPITE),
    ),
    ServiceType(
        "760",
        "定期巡回・随時対応型訪問介護看護",
        "Round-the-clock home-visit care and nursing",
        "ていきじゅんかい ずいじたいおうがた ほうもんかいごかんご",
        (LTC, MEDICAL),
    ),
    ServiceType(
        "770",
        "看護小規模多機能型居宅介護",
        "Small multifunctional home care with nursing",
        "かんごしょうきぼたきのうがたきょたくかいご かんたき",
        (LTC, MEDICAL, RESPITE),
    ),
)

BY_CODE = {t.code: t for t in SERVICE_TYPES}
BY_NAME = {t.name_ja: t for t in SERVICE_TYPES}
# Relative number of offices per type, roughly as in the national files (居宅介護支援,
# 訪問介護 and 通所介護 are the largest); used by the fictional-data generator.
WEIGHTS = {
    "110": 18, "120": 1, "130": 8, "140": 3, "150": 13, "155": 10, "160": 4, "170": 4,
    "210": 6, "220": 2, "230": 1, "240": 1, "320": 7, "331": 3, "332": 1, "334": 1,
    "361": 1, "410": 4, "430": 20, "510": 4, "520": 2, "540": 1, "550": 1, "710": 1,
    "720": 2, "730": 3, "760": 1, "770": 1,
}  # fmt: skip
