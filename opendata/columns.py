"""Column lists of the files, as published by the Digital Agency for the
recommended datasets (推奨データセット): header names and order are exact.
The figure files (not part of the standard) start with the same four columns.
"""

COMMON = ("都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名")

EVENTS = (
    *COMMON,
    "イベント名",
    "イベント名_カナ",
    "イベント名_英語",
    "開始日",
    "終了日",
    "開始時間",
    "終了時間",
    "開始日時特記事項",
    "説明",
    "料金(基本)",
    "料金(詳細)",
    "連絡先名称",
    "連絡先電話番号",
    "連絡先内線番号",
    "主催者",
    "場所名称",
    "住所",
    "方書",
    "緯度",
    "経度",
    "アクセス方法",
    "駐車場情報",
    "定員",
    "参加申込終了日",
    "参加申込終了時間",
    "参加申込方法",
    "URL",
    "備考",
)
EVENTS_REQUIRED = (
    "イベント名",
    "イベント名_カナ",
    "開始日",
    "終了日",
    "開始時間",
    "終了時間",
    "説明",
    "場所名称",
    "住所",
)

CARE_SERVICES = (
    *COMMON,
    "介護サービス事業所名称",
    "介護サービス事業所名称_カナ",
    "実施サービス",
    "住所",
    "方書",
    "緯度",
    "経度",
    "電話番号",
    "内線番号",
    "FAX番号",
    "法人番号",
    "法人の名称",
    "事業所番号",
    "利用可能曜日",
    "利用可能曜日特記事項",
    "定員",
    "URL",
    "備考",
)
CARE_SERVICES_REQUIRED = (
    "介護サービス事業所名称",
    "介護サービス事業所名称_カナ",
    "実施サービス",
    "住所",
    "電話番号",
)

FACILITIES = (
    *COMMON,
    "名称",
    "名称_カナ",
    "名称_通称",
    "POIコード",
    "住所",
    "方書",
    "緯度",
    "経度",
    "電話番号",
    "内線番号",
    "法人番号",
    "団体名",
    "利用可能曜日",
    "開始時間",
    "終了時間",
    "利用可能日時特記事項",
    "説明",
    "バリアフリー情報",
    "URL",
    "備考",
)
FACILITIES_REQUIRED = ("名称", "名称_カナ", "住所")

CATALOGUE = (
    *COMMON,
    "データ名称",
    "データ概要",
    "データ形式",
    "分類",
    "更新頻度",
    "URL",
    "API対応有無",
    "ライセンス",
    "登録日",
    "最終更新日",
    "備考",
)
CATALOGUE_REQUIRED = ("データ名称", "データ形式", "分類", "URL", "ライセンス")

DISPATCHES = (*COMMON, "年度", "支援メニュー", "派遣件数", "備考")
DISPATCHES_REQUIRED = ("年度", "支援メニュー", "派遣件数")

SALON_FIGURES = (*COMMON, "年度", "開催サロン数", "開催回数", "備考")
SALON_FIGURES_REQUIRED = ("年度", "開催サロン数", "開催回数")

SELFCHECKS = (*COMMON, "年月", "実施件数", "備考")
SELFCHECKS_REQUIRED = ("年月", "実施件数")

# Typed values in the JSON files (the CSV holds the same values as text).
INTEGER = {"NO", "定員", "年度"}
NUMBER = {"緯度", "経度"}
# Counts that may be suppressed: an integer, or SUPPRESSED.
COUNT = {"派遣件数", "開催サロン数", "開催回数", "実施件数"}
