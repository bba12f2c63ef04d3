<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AdjudicationPanel</name>
    <message>
        <source>Previous (P)</source>
        <translation>前へ (P)</translation>
    </message>
    <message>
        <source>Next (N)</source>
        <translation>次へ (N)</translation>
    </message>
    <message>
        <source>Confirm (C)</source>
        <translation>確定 (C)</translation>
    </message>
    <message>
        <source>Dismiss (D)</source>
        <translation>却下 (D)</translation>
    </message>
    <message>
        <source>Unsure (U)</source>
        <translation>保留 (U)</translation>
    </message>
    <message>
        <source>Shortcut: %s</source>
        <translation>ショートカット: %s</translation>
    </message>
    <message numerus="yes">
        <source>Dismiss %n selected (D)</source>
        <translation>
            <numerusform>選択した %n 件を却下 (D)</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a match to decide it.</source>
        <translation>判定する照合結果を選択してください。</translation>
    </message>
    <message numerus="yes">
        <source>%n matches selected: dismiss them together with one reason.</source>
        <translation>
            <numerusform>%n 件の照合結果を選択中: 一つの理由でまとめて却下できます。</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; ↔ &lt;b&gt;%2&lt;/b&gt; (%3) · score %4 · %5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; ↔ &lt;b&gt;%2&lt;/b&gt; (%3) · スコア %4 · %5</translation>
    </message>
    <message>
        <source>Last reason: %1</source>
        <translation>直近の理由: %1</translation>
    </message>
    <message>
        <source>Confirm match</source>
        <translation>照合結果を確定</translation>
    </message>
    <message numerus="yes">
        <source>Dismiss %n match(es)</source>
        <translation>
            <numerusform>%n 件の照合結果を却下</numerusform>
        </translation>
    </message>
    <message>
        <source>Mark match unsure</source>
        <translation>照合結果を保留にする</translation>
    </message>
    <message>
        <source>Why? The reason is kept with the decision and printed in the memo.</source>
        <translation>理由を入力してください。理由は判定とともに保存され、メモに記載されます。</translation>
    </message>
    <message>
        <source>party</source>
        <translation>当事者</translation>
    </message>
    <message>
        <source>list entry</source>
        <translation>リスト項目</translation>
    </message>
    <message>
        <source>new membership: %1</source>
        <translation>新たな掲載: %1</translation>
    </message>
    <message>
        <source>Changed since dismissed by %1 on %2 (%3)</source>
        <translation>%1 が %2 に却下した後に変更あり (%3)</translation>
    </message>
</context>
<context>
    <name>BatchColumnMappingDialog</name>
    <message>
        <source>Screener did not find a &apos;name&apos; column in this file. Choose the column that holds the names to screen; an id, type, country or date column makes the results easier to read and the matching sharper.</source>
        <translation>このファイルに「name」列が見つかりませんでした。照合する名称を含む列を選択してください。ID・種類・国・日付の列があると、結果が読みやすくなり、照合の精度も上がります。</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>(無視)</translation>
    </message>
    <message>
        <source>ID (your reference)</source>
        <translation>ID (貴組織の参照番号)</translation>
    </message>
    <message>
        <source>Name to screen</source>
        <translation>照合する名称</translation>
    </message>
    <message>
        <source>Type (person or company)</source>
        <translation>種類 (個人または企業)</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国</translation>
    </message>
    <message>
        <source>Birth / incorporation date</source>
        <translation>生年月日 / 設立日</translation>
    </message>
    <message>
        <source>The file has no header row.</source>
        <translation>ファイルに見出し行がありません。</translation>
    </message>
    <message>
        <source>Choose the column that holds the names to screen.</source>
        <translation>照合する名称を含む列を選択してください。</translation>
    </message>
    <message>
        <source>Only one column can be &apos;%1&apos; (now: %2).</source>
        <translation>&apos;%1&apos; にできる列は一つだけです (現在: %2)。</translation>
    </message>
</context>
<context>
    <name>BatchHitDialog</name>
    <message>
        <source>Hit: %s — %s</source>
        <translation>ヒット: %s — %s</translation>
    </message>
    <message>
        <source>&lt;b&gt;%s&lt;/b&gt; scored &lt;b&gt;%.3f&lt;/b&gt; against &lt;b&gt;%s&lt;/b&gt; on %s</source>
        <translation>&lt;b&gt;%s&lt;/b&gt; のスコア &lt;b&gt;%.3f&lt;/b&gt; (照合先: &lt;b&gt;%s&lt;/b&gt;、%s)</translation>
    </message>
    <message>
        <source>Screened name</source>
        <translation>照合した名称</translation>
    </message>
    <message>
        <source>List entry</source>
        <translation>リスト項目</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Matched name</source>
        <translation>一致した名称</translation>
    </message>
    <message>
        <source>Other names</source>
        <translation>別名</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Identifiers</source>
        <translation>識別子</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>出典</translation>
    </message>
    <message>
        <source>Programmes</source>
        <translation>プログラム</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>住所</translation>
    </message>
    <message>
        <source>Listed on</source>
        <translation>掲載日</translation>
    </message>
    <message>
        <source>Listing ends</source>
        <translation>掲載終了日</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
</context>
<context>
    <name>BatchResultsModel</name>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name screened</source>
        <translation>照合した名称</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>出典</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>項目 ID</translation>
    </message>
    <message>
        <source>List entry</source>
        <translation>リスト項目</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>BatchScreenWindow</name>
    <message>
        <source>All sources</source>
        <translation>すべての出典</translation>
    </message>
    <message>
        <source>Reading the file</source>
        <translation>ファイルを読み込み中</translation>
    </message>
    <message>
        <source>Loading the lists</source>
        <translation>リストを読み込み中</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>スクリーニング中</translation>
    </message>
    <message>
        <source>Batch screen</source>
        <translation>一括スクリーニング</translation>
    </message>
    <message>
        <source>Hits per list</source>
        <translation>リスト別のヒット数</translation>
    </message>
    <message>
        <source>A CSV or XLSX file with a &apos;name&apos; column (optional: id, type, country, date)</source>
        <translation>&apos;name&apos; 列を含む CSV または XLSX ファイル (任意: id、type、country、date)</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>ファイルを選択…</translation>
    </message>
    <message>
        <source>Report hits scoring at least this</source>
        <translation>このスコア以上のヒットを報告</translation>
    </message>
    <message>
        <source>Columns…</source>
        <translation>列…</translation>
    </message>
    <message>
        <source>Choose which column holds the names (and ids, types, countries, dates)</source>
        <translation>名称 (および ID・種類・国・日付) を含む列を選択します</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>スクリーニング</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>ファイル:</translation>
    </message>
    <message>
        <source>Threshold:</source>
        <translation>しきい値:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Filter by name or id…</source>
        <translation>名称または ID で絞り込み…</translation>
    </message>
    <message>
        <source>Show names without hits</source>
        <translation>ヒットなしの名称も表示</translation>
    </message>
    <message>
        <source>Min score:</source>
        <translation>最低スコア:</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>出典:</translation>
    </message>
    <message>
        <source>Choose a file to screen.</source>
        <translation>スクリーニングするファイルを選択してください。</translation>
    </message>
    <message>
        <source>Open hit…</source>
        <translation>ヒットを開く…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>エクスポート…</translation>
    </message>
    <message>
        <source>Choose a file to screen</source>
        <translation>スクリーニングするファイルを選択</translation>
    </message>
    <message>
        <source>Names (*.csv *.xlsx)</source>
        <translation>名称 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Choose which column holds the names.</source>
        <translation>名称を含む列を選択してください。</translation>
    </message>
    <message>
        <source>%s was not screened: no column was chosen for the names.</source>
        <translation>%s は照合されていません: 名称の列が選択されませんでした。</translation>
    </message>
    <message>
        <source>Screening %s…</source>
        <translation>%s をスクリーニング中…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>キャンセル中…</translation>
    </message>
    <message>
        <source>%1 of %2 names</source>
        <translation>%2 件中 %1 件</translation>
    </message>
    <message>
        <source>Screening…</source>
        <translation>スクリーニング中…</translation>
    </message>
    <message>
        <source>%s names/s, about %s left</source>
        <translation>%s 件/秒、残り約 %s</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>%s names/s</source>
        <translation>%s 件/秒</translation>
    </message>
    <message>
        <source>%s names screened in %.1f s: %s with hits (%s hits) at or above %.2f</source>
        <translation>%s 件を %.1f 秒でスクリーニング: ヒットあり %s 件 (ヒット %s 件、しきい値 %.2f 以上)</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>The batch could not be screened.</source>
        <translation>一括スクリーニングを実行できませんでした。</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセル済み</translation>
    </message>
    <message>
        <source>Cancelled: no results were kept.</source>
        <translation>キャンセルしました: 結果は保存されていません。</translation>
    </message>
    <message>
        <source>Export batch results</source>
        <translation>一括スクリーニング結果のエクスポート</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv);;JSON (*.json)</source>
        <translation>Excel ブック (*.xlsx);;CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Exported to %s</source>
        <translation>%s にエクスポートしました</translation>
    </message>
    <message>
        <source>A batch is running: %1 of %2 names</source>
        <translation>一括スクリーニングを実行中です: %2 件中 %1 件</translation>
    </message>
    <message>
        <source>A batch is running</source>
        <translation>一括スクリーニングを実行中です</translation>
    </message>
</context>
<context>
    <name>CaseHeader</name>
    <message>
        <source>No case selected</source>
        <translation>案件が選択されていません</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>対象資産</translation>
    </message>
    <message>
        <source>Acquirer</source>
        <translation>取得者</translation>
    </message>
    <message>
        <source>Jurisdictions</source>
        <translation>管轄</translation>
    </message>
    <message>
        <source>Marking</source>
        <translation>取扱区分</translation>
    </message>
    <message>
        <source>Next due</source>
        <translation>次の期限</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>スクリーニング中</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>レビュー中</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>エスカレーション</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>決定済み</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <source>New screening hits since the last review</source>
        <translation>前回のレビュー以降に新しいスクリーニングヒットあり</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Jurisdictions</source>
        <translation>管轄</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>Next due</source>
        <translation>次の期限</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>スクリーニング中</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>レビュー中</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>エスカレーション</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>決定済み</translation>
    </message>
</context>
<context>
    <name>ColumnMappingDialog</name>
    <message>
        <source>Map columns: %1</source>
        <translation>列の対応付け: %1</translation>
    </message>
    <message>
        <source>Choose which of our fields each column of the file holds. The primary name is required; an entry key column keeps entries stable between editions.</source>
        <translation>ファイルの各列がどの項目に当たるかを選択してください。主名称は必須です。項目キー列があると版をまたいで項目が安定します。</translation>
    </message>
    <message>
        <source>Use this mapping</source>
        <translation>この対応付けを使用</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>シート</translation>
    </message>
    <message>
        <source>Header row</source>
        <translation>見出し行</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>ファイルの列</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>最初の値</translation>
    </message>
    <message>
        <source>Our field</source>
        <translation>対応する項目</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>読み込み</translation>
    </message>
    <message>
        <source>Several values in one cell are separated by this</source>
        <translation>一つのセル内の複数の値の区切り文字</translation>
    </message>
    <message>
        <source>Type when none is given</source>
        <translation>種類が未指定の場合の種類</translation>
    </message>
    <message>
        <source>Value separator</source>
        <translation>値の区切り文字</translation>
    </message>
    <message>
        <source>List name</source>
        <translation>リスト名</translation>
    </message>
    <message>
        <source>Preview (first rows)</source>
        <translation>プレビュー (先頭行)</translation>
    </message>
    <message>
        <source>(no saved profile)</source>
        <translation>(保存済みプロファイルなし)</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>読み込む</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>プロファイル名</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>プロファイルを保存</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>プロファイル</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>(無視)</translation>
    </message>
    <message>
        <source>Entry key (stable id)</source>
        <translation>項目キー (固定 ID)</translation>
    </message>
    <message>
        <source>Primary name</source>
        <translation>主名称</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>別名</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国</translation>
    </message>
    <message>
        <source>Birth / incorporation date</source>
        <translation>生年月日 / 設立日</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>プログラム</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>LEI</source>
        <translation>LEI</translation>
    </message>
    <message>
        <source>registration number</source>
        <translation>登録番号</translation>
    </message>
    <message>
        <source>tax ID</source>
        <translation>納税者番号</translation>
    </message>
    <message>
        <source>passport</source>
        <translation>旅券</translation>
    </message>
    <message>
        <source>national ID</source>
        <translation>国民 ID</translation>
    </message>
    <message>
        <source>IMO number</source>
        <translation>IMO 番号</translation>
    </message>
    <message>
        <source>SWIFT/BIC</source>
        <translation>SWIFT/BIC</translation>
    </message>
    <message>
        <source>other</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>Identifier: %1</source>
        <translation>識別子: %1</translation>
    </message>
    <message>
        <source>Not stated (person or organisation)</source>
        <translation>記載なし（個人又は団体）</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>個人</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>Vessel</source>
        <translation>船舶</translation>
    </message>
    <message>
        <source>Aircraft</source>
        <translation>航空機</translation>
    </message>
    <message>
        <source>(no header)</source>
        <translation>(見出しなし)</translation>
    </message>
    <message>
        <source>The file has no header row at this position.</source>
        <translation>この位置に見出し行がありません。</translation>
    </message>
    <message>
        <source>Choose the column that holds the primary name.</source>
        <translation>主名称を含む列を選択してください。</translation>
    </message>
    <message>
        <source>Only one column can be &apos;%1&apos; (now: %2).</source>
        <translation>&apos;%1&apos; にできる列は一つだけです (現在: %2)。</translation>
    </message>
    <message>
        <source>Only one column per identifier type (%1).</source>
        <translation>識別子の種類ごとに列は一つだけです (%1)。</translation>
    </message>
    <message>
        <source>Give the list a name.</source>
        <translation>リストに名前を付けてください。</translation>
    </message>
    <message>
        <source>Profile does not fit</source>
        <translation>プロファイルが合いません</translation>
    </message>
    <message>
        <source>These columns of the profile are not in this file: %1</source>
        <translation>プロファイルの次の列はこのファイルにありません: %1</translation>
    </message>
    <message>
        <source>Give the profile a name before saving it.</source>
        <translation>保存する前にプロファイル名を付けてください。</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>リスク区分</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>Next due</source>
        <translation>次の期限</translation>
    </message>
    <message>
        <source>Standing</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Obligation</source>
        <translation>義務</translation>
    </message>
    <message>
        <source>New list hits since the last review</source>
        <translation>前回のレビュー以降に新しいリストヒットあり</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <source>Cases by state</source>
        <translation>状態別の案件</translation>
    </message>
    <message>
        <source>Cases by risk tier</source>
        <translation>リスク区分別の案件</translation>
    </message>
    <message>
        <source>Open cases only</source>
        <translation>未決の案件のみ</translation>
    </message>
    <message>
        <source>Not assessed</source>
        <translation>未評価</translation>
    </message>
</context>
<context>
    <name>DatabaseFailure</name>
    <message>
        <source>Database problem</source>
        <translation>データベースの問題</translation>
    </message>
</context>
<context>
    <name>DeadlineTimeline</name>
    <message>
        <source>overdue</source>
        <translation>期限超過</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今日</translation>
    </message>
    <message numerus="yes">
        <source>Statutory deadlines, the next %n week(s)</source>
        <translation>
            <numerusform>今後 %n 週間の法定期限</numerusform>
        </translation>
    </message>
    <message>
        <source>d MMM</source>
        <translation>M月d日</translation>
    </message>
</context>
<context>
    <name>DealImport</name>
    <message numerus="yes">
        <source>&lt;b&gt;%1 was not imported&lt;/b&gt;: %n error(s). Nothing was written; fix the file and import it again.</source>
        <translation>
            <numerusform>&lt;b&gt;%1 は取り込まれませんでした&lt;/b&gt;: エラー %n 件。何も書き込まれていません。ファイルを修正して再度取り込んでください。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1 imported&lt;/b&gt; (%2) with %n warning(s):</source>
        <translation>
            <numerusform>&lt;b&gt;%1 を取り込みました&lt;/b&gt; (%2)、警告 %n 件:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeltaModel</name>
    <message>
        <source>Change</source>
        <translation>変更</translation>
    </message>
    <message>
        <source>Entry id</source>
        <translation>項目 ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Fields changed</source>
        <translation>変更された項目</translation>
    </message>
    <message>
        <source>added</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>変更</translation>
    </message>
</context>
<context>
    <name>DemoCompletion</name>
    <message>
        <source>Preparing the demo case…</source>
        <translation>デモ案件を準備中…</translation>
    </message>
    <message>
        <source>Preparing the demo case: %1 (%2 of %3)…</source>
        <translation>デモ案件を準備中: %1 (%3 中 %2)…</translation>
    </message>
    <message numerus="yes">
        <source>Demo case ready: %n possible match(es) to review, risk tier %1.</source>
        <translation>
            <numerusform>デモ案件の準備ができました: 確認が必要な照合結果 %n 件、リスク区分 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>The demo case could not be prepared: %1</source>
        <translation>デモ案件を準備できませんでした: %1</translation>
    </message>
</context>
<context>
    <name>Desktop</name>
    <message>
        <source>(none yet)</source>
        <translation>(まだありません)</translation>
    </message>
    <message>
        <source>Screener — unexpected error</source>
        <translation>Screener — 予期しないエラー</translation>
    </message>
    <message>
        <source>Something went wrong: %1

Nothing you saved is lost. The details are in the log file; please send it to your administrator:
%2</source>
        <translation>問題が発生しました: %1

保存済みの内容は失われていません。詳細はログファイルにあります。管理者に送ってください:
%2</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>ログファイル</translation>
    </message>
    <message>
        <source>Screener writes its log here; send this file when you report a problem:
%1</source>
        <translation>Screener のログはここに書き込まれます。問題を報告するときはこのファイルを送ってください:
%1</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>フォルダを開く</translation>
    </message>
    <message>
        <source>Recent deal files</source>
        <translation>最近の取引ファイル</translation>
    </message>
    <message>
        <source>Recent list files</source>
        <translation>最近のリストファイル</translation>
    </message>
    <message>
        <source>&amp;Log file…</source>
        <translation>ログファイル(&amp;L)…</translation>
    </message>
</context>
<context>
    <name>EdgeDialog</name>
    <message>
        <source>board majority</source>
        <translation>取締役会の過半数</translation>
    </message>
    <message>
        <source>sole voting control</source>
        <translation>単独の議決権支配</translation>
    </message>
    <message>
        <source>board appointment</source>
        <translation>取締役の任命権</translation>
    </message>
    <message>
        <source>dominant influence</source>
        <translation>支配的影響力</translation>
    </message>
    <message>
        <source>contractual</source>
        <translation>契約による支配</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>確認済み</translation>
    </message>
    <message>
        <source>reported</source>
        <translation>報告ベース</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>推定</translation>
    </message>
    <message>
        <source>list</source>
        <translation>リスト記載</translation>
    </message>
    <message>
        <source>Ownership edge</source>
        <translation>所有関係</translation>
    </message>
    <message>
        <source>percent, blank if unknown</source>
        <translation>パーセント、不明なら空欄</translation>
    </message>
    <message>
        <source>blank: same as equity</source>
        <translation>空欄: 持分と同じ</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Held jointly with the other holders (UK aggregation)</source>
        <translation>他の保有者と共同保有 (英国の合算)</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, date the stake is known at</source>
        <translation>YYYY-MM-DD (持分の判明日)</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>保有者</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>被保有者</translation>
    </message>
    <message>
        <source>Equity %</source>
        <translation>持分 %</translation>
    </message>
    <message>
        <source>Voting %</source>
        <translation>議決権 %</translation>
    </message>
    <message>
        <source>Control</source>
        <translation>支配</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>基準日</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>出典</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>確度</translation>
    </message>
    <message>
        <source>%s: not a number: %s</source>
        <translation>%s: 数値ではありません: %s</translation>
    </message>
    <message>
        <source>as of: expected a date YYYY-MM-DD, found %s</source>
        <translation>基準日: YYYY-MM-DD 形式の日付が必要ですが、%s でした</translation>
    </message>
    <message>
        <source>Save again to keep it.</source>
        <translation>保持するにはもう一度保存してください。</translation>
    </message>
</context>
<context>
    <name>EntriesModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>List</source>
        <translation>リスト</translation>
    </message>
    <message>
        <source>Programmes</source>
        <translation>プログラム</translation>
    </message>
    <message>
        <source>Countries</source>
        <translation>国</translation>
    </message>
    <message>
        <source>Entry id</source>
        <translation>項目 ID</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Match decision</source>
        <translation>照合結果の判定</translation>
    </message>
    <message>
        <source>Sign-off</source>
        <translation>承認</translation>
    </message>
    <message>
        <source>Audit record</source>
        <translation>監査記録</translation>
    </message>
    <message>
        <source>Risk assessed</source>
        <translation>リスク評価を実施</translation>
    </message>
    <message>
        <source>Batch screened</source>
        <translation>一括スクリーニングを実施</translation>
    </message>
    <message>
        <source>Case assigned</source>
        <translation>案件を割り当て</translation>
    </message>
    <message>
        <source>Case imported</source>
        <translation>案件を取り込み</translation>
    </message>
    <message>
        <source>New list hits marked as reviewed</source>
        <translation>新しいリストヒットを確認済みに設定</translation>
    </message>
    <message>
        <source>Case re-screened</source>
        <translation>案件を再スクリーニング</translation>
    </message>
    <message>
        <source>Case screened</source>
        <translation>案件をスクリーニング</translation>
    </message>
    <message>
        <source>Case updated from a deal file</source>
        <translation>取引ファイルから案件を更新</translation>
    </message>
    <message>
        <source>Demo prepared</source>
        <translation>デモを準備</translation>
    </message>
    <message>
        <source>List imported</source>
        <translation>リストを取り込み</translation>
    </message>
    <message>
        <source>Re-screened on a new list version</source>
        <translation>新しいリスト版で再スクリーニング</translation>
    </message>
    <message>
        <source>List version made active</source>
        <translation>リスト版を使用中に設定</translation>
    </message>
    <message>
        <source>Match dismissed from decision memory</source>
        <translation>過去の判定記録により照合結果を却下</translation>
    </message>
    <message>
        <source>Note added</source>
        <translation>メモを追加</translation>
    </message>
    <message>
        <source>Ownership link added</source>
        <translation>所有関係を追加</translation>
    </message>
    <message>
        <source>Ownership link changed</source>
        <translation>所有関係を変更</translation>
    </message>
    <message>
        <source>Ownership link removed</source>
        <translation>所有関係を削除</translation>
    </message>
    <message>
        <source>Ownership link taken from a list</source>
        <translation>リストから所有関係を取り込み</translation>
    </message>
    <message>
        <source>Rule pack saved</source>
        <translation>ルールパックを保存</translation>
    </message>
    <message>
        <source>Rule pack activated</source>
        <translation>ルールパックを有効化</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>有効化</translation>
    </message>
    <message>
        <source>as of</source>
        <translation>基準日</translation>
    </message>
    <message>
        <source>assessment</source>
        <translation>評価</translation>
    </message>
    <message>
        <source>dismissed from memory</source>
        <translation>判定メモリから却下</translation>
    </message>
    <message>
        <source>changed since dismissed</source>
        <translation>却下後に変更あり</translation>
    </message>
    <message>
        <source>changes</source>
        <translation>変更内容</translation>
    </message>
    <message>
        <source>comment</source>
        <translation>コメント</translation>
    </message>
    <message>
        <source>confidence</source>
        <translation>確度</translation>
    </message>
    <message>
        <source>control type</source>
        <translation>支配の種類</translation>
    </message>
    <message>
        <source>decision</source>
        <translation>決定</translation>
    </message>
    <message>
        <source>demo lists</source>
        <translation>デモ用リスト</translation>
    </message>
    <message>
        <source>dissent</source>
        <translation>反対意見</translation>
    </message>
    <message>
        <source>ownership link</source>
        <translation>所有関係</translation>
    </message>
    <message>
        <source>ownership links</source>
        <translation>所有関係</translation>
    </message>
    <message>
        <source>list entry</source>
        <translation>リスト項目</translation>
    </message>
    <message>
        <source>equity %</source>
        <translation>持分 %</translation>
    </message>
    <message>
        <source>file</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>format</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>from</source>
        <translation>変更前</translation>
    </message>
    <message>
        <source>held</source>
        <translation>被保有者</translation>
    </message>
    <message>
        <source>holder</source>
        <translation>保有者</translation>
    </message>
    <message>
        <source>joint arrangement</source>
        <translation>共同支配</translation>
    </message>
    <message>
        <source>link</source>
        <translation>リンク</translation>
    </message>
    <message>
        <source>list version</source>
        <translation>リスト版</translation>
    </message>
    <message>
        <source>list versions</source>
        <translation>リスト版</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>照合結果</translation>
    </message>
    <message>
        <source>decision memory</source>
        <translation>判定メモリ</translation>
    </message>
    <message>
        <source>new matches</source>
        <translation>新しい照合結果</translation>
    </message>
    <message>
        <source>new to review</source>
        <translation>新たに確認が必要</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>判定結果</translation>
    </message>
    <message>
        <source>outcomes</source>
        <translation>判定結果</translation>
    </message>
    <message>
        <source>rule packs hash</source>
        <translation>ルールパックのハッシュ</translation>
    </message>
    <message>
        <source>rule packs</source>
        <translation>ルールパック</translation>
    </message>
    <message>
        <source>parties</source>
        <translation>当事者</translation>
    </message>
    <message>
        <source>party</source>
        <translation>当事者</translation>
    </message>
    <message>
        <source>percentage</source>
        <translation>割合</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>relation</source>
        <translation>関係</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>rules fired</source>
        <translation>該当したルール</translation>
    </message>
    <message>
        <source>source</source>
        <translation>出典</translation>
    </message>
    <message>
        <source>source text</source>
        <translation>出典の記載</translation>
    </message>
    <message>
        <source>strong matches</source>
        <translation>強い一致</translation>
    </message>
    <message>
        <source>text</source>
        <translation>本文</translation>
    </message>
    <message>
        <source>tier</source>
        <translation>区分</translation>
    </message>
    <message>
        <source>to</source>
        <translation>変更後</translation>
    </message>
    <message>
        <source>total</source>
        <translation>合計点</translation>
    </message>
    <message>
        <source>voting %</source>
        <translation>議決権 %</translation>
    </message>
    <message>
        <source>warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>new list membership</source>
        <translation>新たなリスト掲載</translation>
    </message>
    <message>
        <source>Screened against the active lists</source>
        <translation>使用中のリストでスクリーニング済み</translation>
    </message>
    <message>
        <source>%1: reviewed by %2, approved by %3</source>
        <translation>%1: レビュー %2、承認 %3</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>日時 (UTC)</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>実施者</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Reason / details</source>
        <translation>理由 / 詳細</translation>
    </message>
    <message>
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>表示</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>すべて</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HitsModel</name>
    <message>
        <source>Rule</source>
        <translation>ルール</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>区分</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>判定結果</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>件名</translation>
    </message>
</context>
<context>
    <name>IssuesDialog</name>
    <message>
        <source>error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>重大度</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>箇所</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Deal file</source>
        <translation>取引ファイル</translation>
    </message>
    <message>
        <source>sheet &apos;%1&apos;</source>
        <translation>シート「%1」</translation>
    </message>
    <message>
        <source>row %1</source>
        <translation>%1 行目</translation>
    </message>
    <message>
        <source>column &apos;%1&apos;</source>
        <translation>列「%1」</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <source>Listed (confirmed match)</source>
        <translation>リスト掲載 (一致確定)</translation>
    </message>
    <message>
        <source>Blocked / owned / controlled through ownership</source>
        <translation>資産凍結 / 所有・支配を通じて該当</translation>
    </message>
    <message>
        <source>Government or state-owned</source>
        <translation>政府または国有</translation>
    </message>
    <message>
        <source>Foreign-adversary jurisdiction</source>
        <translation>敵対的外国の管轄</translation>
    </message>
    <message>
        <source>Unresolved ownership</source>
        <translation>所有関係が未解明</translation>
    </message>
    <message>
        <source>Possible list match, not decided yet</source>
        <translation>リスト一致の可能性 (未判定)</translation>
    </message>
</context>
<context>
    <name>ListLabels</name>
    <message>
        <source>OFAC lists (CSV files)</source>
        <translation>OFAC リスト (CSV ファイル)</translation>
    </message>
    <message>
        <source>OFAC SDN list (XML)</source>
        <translation>OFAC SDN リスト (XML)</translation>
    </message>
    <message>
        <source>OFAC advanced format (XML)</source>
        <translation>OFAC 拡張形式 (XML)</translation>
    </message>
    <message>
        <source>OFAC enhanced format (XML)</source>
        <translation>OFAC 強化形式 (XML)</translation>
    </message>
    <message>
        <source>US Consolidated Screening List</source>
        <translation>米国統合スクリーニングリスト</translation>
    </message>
    <message>
        <source>BIS Denied Persons List</source>
        <translation>BIS 取引禁止顧客リスト</translation>
    </message>
    <message>
        <source>US restricted parties (CSV)</source>
        <translation>米国の制限対象者 (CSV)</translation>
    </message>
    <message>
        <source>UN Security Council list (XML)</source>
        <translation>国連安全保障理事会リスト (XML)</translation>
    </message>
    <message>
        <source>UK OFSI consolidated list</source>
        <translation>英国 OFSI 統合リスト</translation>
    </message>
    <message>
        <source>EU financial sanctions file (XML)</source>
        <translation>EU 金融制裁ファイル (XML)</translation>
    </message>
    <message>
        <source>EU Official Journal annexes (CSV)</source>
        <translation>EU 官報附属書 (CSV)</translation>
    </message>
    <message>
        <source>FollowTheMoney entities (JSON)</source>
        <translation>FollowTheMoney エンティティ (JSON)</translation>
    </message>
    <message>
        <source>Beneficial ownership data (BODS JSON)</source>
        <translation>実質的支配者データ (BODS JSON)</translation>
    </message>
    <message>
        <source>GLEIF LEI records (XML)</source>
        <translation>GLEIF LEI 記録 (XML)</translation>
    </message>
    <message>
        <source>CSV/XLSX with mapped columns</source>
        <translation>列を対応付けた CSV/XLSX</translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>ListLinksDialog</name>
    <message>
        <source>Pull</source>
        <translation>取り込む</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Counterparty</source>
        <translation>相手方</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>関係</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>出典</translation>
    </message>
    <message>
        <source>As published</source>
        <translation>公表時の記載</translation>
    </message>
    <message>
        <source>Ownership links from the lists</source>
        <translation>リストに記載された所有関係</translation>
    </message>
    <message>
        <source>holds this party</source>
        <translation>この当事者を保有</translation>
    </message>
    <message>
        <source>is held by this party</source>
        <translation>この当事者が保有</translation>
    </message>
    <message>
        <source>%1 · entry %2</source>
        <translation>%1 · 項目 %2</translation>
    </message>
    <message>
        <source>Links that are not ownership or control (e.g. &apos;linked to&apos;) are shown for information and cannot be pulled.</source>
        <translation>所有・支配以外の関係 (例: &apos;linked to&apos;) は参考表示のみで、取り込めません。</translation>
    </message>
</context>
<context>
    <name>ListsWindow</name>
    <message>
        <source>Lists</source>
        <translation>リスト</translation>
    </message>
    <message>
        <source>Import file…</source>
        <translation>ファイルを取り込む…</translation>
    </message>
    <message>
        <source>Import folder…</source>
        <translation>フォルダを取り込む…</translation>
    </message>
    <message>
        <source>Detect format from content</source>
        <translation>内容から形式を判定</translation>
    </message>
    <message>
        <source>CSV/XLSX with column mapping…</source>
        <translation>列の対応付けで CSV/XLSX…</translation>
    </message>
    <message>
        <source>Source name (optional)</source>
        <translation>出典名 (任意)</translation>
    </message>
    <message>
        <source>or drop files and folders here</source>
        <translation>またはファイルやフォルダをここにドロップ</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>形式:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sources and versions&lt;/b&gt; — screening uses the version marked in use</source>
        <translation>&lt;b&gt;出典と版&lt;/b&gt; — スクリーニングには使用中の版が使われます</translation>
    </message>
    <message>
        <source>Use this version for screening</source>
        <translation>この版をスクリーニングに使用</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Changes between versions</source>
        <translation>版の間の変更</translation>
    </message>
    <message>
        <source>Search names, aliases or entry id in the selected version</source>
        <translation>選択した版の名称、別名、項目 ID を検索</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比較</translation>
    </message>
    <message>
        <source>From</source>
        <translation>比較元</translation>
    </message>
    <message>
        <source>to</source>
        <translation>比較先</translation>
    </message>
    <message>
        <source>Only one version of %s: import another to compare.</source>
        <translation>%s の版は一つだけです: 比較するには別の版を取り込んでください。</translation>
    </message>
    <message>
        <source>%1 now uses version %2 for screening.</source>
        <translation>%1 はスクリーニングに版 %2 を使用するようになりました。</translation>
    </message>
    <message>
        <source>%1 of %2 entries</source>
        <translation>%2 件中 %1 件</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>%1 件</translation>
    </message>
    <message>
        <source>&lt;p&gt;No list loaded yet.&lt;/p&gt;&lt;p&gt;Use &lt;b&gt;Import file…&lt;/b&gt; or &lt;b&gt;Import folder…&lt;/b&gt;, or drop a list file or a folder holding a multi-file set (for example OFAC&apos;s sdn.csv, add.csv, alt.csv) onto this window.&lt;/p&gt;</source>
        <translation>&lt;p&gt;リストがまだ読み込まれていません。&lt;/p&gt;&lt;p&gt;&lt;b&gt;ファイルを取り込む…&lt;/b&gt; または &lt;b&gt;フォルダを取り込む…&lt;/b&gt; を使うか、リストファイルや複数ファイルのセット (例: OFAC の sdn.csv、add.csv、alt.csv) を含むフォルダをこのウィンドウにドロップしてください。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Choose two different versions.</source>
        <translation>異なる二つの版を選択してください。</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>比較中…</translation>
    </message>
    <message>
        <source>v%1 → v%2: %3 added, %4 removed, %5 changed, %6 unchanged</source>
        <translation>v%1 → v%2: 追加 %3、削除 %4、変更 %5、変更なし %6</translation>
    </message>
    <message>
        <source>Import a list file</source>
        <translation>リストファイルの取り込み</translation>
    </message>
    <message>
        <source>List files (*.csv *.txt *.xml *.zip *.json *.jsonl *.xlsx);;All files (*)</source>
        <translation>リストファイル (*.csv *.txt *.xml *.zip *.json *.jsonl *.xlsx);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Import a folder holding one list set</source>
        <translation>一つのリストセットを含むフォルダの取り込み</translation>
    </message>
    <message>
        <source>Reading %s…</source>
        <translation>%s を読み込み中…</translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation>列の対応付け</translation>
    </message>
    <message>
        <source>Choose one CSV or XLSX file, not a folder.</source>
        <translation>フォルダではなく CSV または XLSX ファイルを一つ選択してください。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>キャンセル中…</translation>
    </message>
    <message>
        <source>List not recognised</source>
        <translation>認識できないリスト</translation>
    </message>
    <message>
        <source>%1 is not a list layout Screener recognises. You can import it by saying which column holds the name, the aliases, the country and so on.</source>
        <translation>%1 は Screener が認識できるリストの形式ではありません。名称・別名・国などがどの列にあるかを指定すれば取り込めます。</translation>
    </message>
    <message>
        <source>Map columns…</source>
        <translation>列を対応付け…</translation>
    </message>
    <message>
        <source>type not stated</source>
        <translation>種別不明</translation>
    </message>
    <message>
        <source>Imported %1 version %2: %3 entries (%4).</source>
        <translation>%1 の版 %2 を取り込みました: %3 件 (%4)。</translation>
    </message>
    <message>
        <source>Identical to %1 version %2, already imported: nothing added.</source>
        <translation>%1 の版 %2 と同一で取り込み済みです: 追加はありません。</translation>
    </message>
    <message>
        <source>Import failed; nothing was changed.</source>
        <translation>取り込みに失敗しました。何も変更されていません。</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>取り込み失敗</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was changed.</source>
        <translation>取り込みをキャンセルしました。何も変更されていません。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Screener — critical-minerals transaction review</source>
        <translation>Screener — 重要鉱物取引審査</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2); roles: %3</source>
        <translation>サインイン: %1（%2）; 役割: %3</translation>
    </message>
    <message>
        <source>Database: %s</source>
        <translation>データベース: %s</translation>
    </message>
    <message>
        <source>Search cases…</source>
        <translation>案件を検索…</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>すべての状態</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Case</source>
        <translation>案件(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Lists</source>
        <translation>リスト(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Rules</source>
        <translation>ルール(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>ツール(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>メイン</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About Screener</source>
        <translation>Screener について(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Batch screen…</source>
        <translation>一括スクリーニング(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Search lists…</source>
        <translation>リストを検索(&amp;S)…</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n 件の案件</numerusform>
        </translation>
    </message>
    <message>
        <source>A case screening is running</source>
        <translation>案件のスクリーニングを実行中です</translation>
    </message>
    <message>
        <source>A risk assessment is running</source>
        <translation>リスク評価を実行中です</translation>
    </message>
    <message>
        <source>Stop it and quit?</source>
        <translation>中止して終了しますか?</translation>
    </message>
    <message>
        <source>Work is running</source>
        <translation>処理を実行中です</translation>
    </message>
    <message>
        <source>About Screener</source>
        <translation>Screener について</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Screener %s&lt;/h3&gt;&lt;p&gt;National-security review of critical-mineral and rare-earth asset sales: screening, ownership, risk and review memos.&lt;/p&gt;&lt;p&gt;Works offline. Database: %s&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Screener %s&lt;/h3&gt;&lt;p&gt;重要鉱物・レアアース資産売却の国家安全保障審査: スクリーニング、所有関係、リスク、審査メモ。&lt;/p&gt;&lt;p&gt;オフラインで動作します。データベース: %s&lt;/p&gt;</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>スクリーニング中</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>レビュー中</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>エスカレーション</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>決定済み</translation>
    </message>
    <message>
        <source>created</source>
        <translation>新規作成</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>変更なし</translation>
    </message>
    <message>
        <source>Deal files (*.xlsx *.json *.csv);;Excel workbook (*.xlsx);;JSON (*.json);;CSV folder (transaction.csv parties.csv ownership.csv) (*.csv)</source>
        <translation>取引ファイル (*.xlsx *.json *.csv);;Excel ブック (*.xlsx);;JSON (*.json);;CSV フォルダ (transaction.csv parties.csv ownership.csv) (*.csv)</translation>
    </message>
    <message>
        <source>Imported %s: %s</source>
        <translation>%s を取り込みました: %s</translation>
    </message>
    <message>
        <source>Screen the imported case?</source>
        <translation>取り込んだ案件をスクリーニングしますか?</translation>
    </message>
    <message>
        <source>%s was imported but its parties have not been screened: no list was searched yet, and a case is signed only after it was screened. Screen %s now against the active lists?</source>
        <translation>%s を取り込みましたが、当事者はまだスクリーニングされていません(どのリストもまだ照合していません)。案件はスクリーニング後にのみ署名できます。%s を今すぐ使用中のリストと照合しますか?</translation>
    </message>
    <message>
        <source>Screen now</source>
        <translation>今すぐスクリーニング</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>後で</translation>
    </message>
    <message>
        <source>The template could not be saved to %1: %2</source>
        <translation>テンプレートを %1 に保存できませんでした: %2</translation>
    </message>
    <message>
        <source>Template saved to %1</source>
        <translation>テンプレートを %1 に保存しました</translation>
    </message>
    <message>
        <source>&amp;Import deal file…</source>
        <translation>取引ファイルを取り込む(&amp;I)…</translation>
    </message>
    <message>
        <source>Import deal file</source>
        <translation>取引ファイルの取り込み</translation>
    </message>
    <message>
        <source>Save deal-file &amp;template…</source>
        <translation>取引ファイルのテンプレートを保存(&amp;T)…</translation>
    </message>
    <message>
        <source>Save deal-file template</source>
        <translation>取引ファイルのテンプレートの保存</translation>
    </message>
    <message>
        <source>Template not saved</source>
        <translation>テンプレートは保存されていません</translation>
    </message>
    <message>
        <source>&amp;Lists…</source>
        <translation>リスト(&amp;L)…</translation>
    </message>
    <message>
        <source>Rule &amp;packs…</source>
        <translation>ルールパック(&amp;P)…</translation>
    </message>
</context>
<context>
    <name>MatchesTab</name>
    <message>
        <source>Party</source>
        <translation>当事者</translation>
    </message>
    <message>
        <source>Name screened</source>
        <translation>照合した名称</translation>
    </message>
    <message>
        <source>Matched list name</source>
        <translation>一致したリスト名称</translation>
    </message>
    <message>
        <source>List</source>
        <translation>リスト</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>変更あり</translation>
    </message>
    <message>
        <source>Strong match: the names agree almost word for word</source>
        <translation>強い一致: 名称がほぼ一語一語一致</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>照合結果</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Screen now</source>
        <translation>今すぐスクリーニング</translation>
    </message>
    <message>
        <source>Screen every party against all active list versions</source>
        <translation>すべての当事者を使用中のすべてのリスト版と照合</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>List entry</source>
        <translation>リスト項目</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>並べて比較</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>特徴</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>重み</translation>
    </message>
    <message>
        <source>Compared</source>
        <translation>比較した値</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>特徴</translation>
    </message>
    <message numerus="yes">
        <source>%n listed entity(ies) matched</source>
        <translation>
            <numerusform>該当した掲載対象 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>{pending} pending · {new} new</source>
        <translation>未判定 {pending} 件 · 新規 {new} 件</translation>
    </message>
    <message>
        <source>No case selected</source>
        <translation>案件が選択されていません</translation>
    </message>
    <message>
        <source>Not screened yet: press Screen now</source>
        <translation>未スクリーニング: 「今すぐスクリーニング」を押してください</translation>
    </message>
    <message>
        <source>not screened against the lists now active: screen again</source>
        <translation>現在使用中のリストとは未照合: 再度スクリーニングしてください</translation>
    </message>
    <message>
        <source>Select a match to compare the party with the list entry.</source>
        <translation>照合結果を選択すると、当事者とリスト項目を比較できます。</translation>
    </message>
    <message numerus="yes">
        <source>One listed entity on %n list(s); one decision covers them all:</source>
        <translation>
            <numerusform>%n 件のリストに掲載された同一の対象です。1 回の判断ですべてに適用されます:</numerusform>
        </translation>
    </message>
    <message>
        <source>One entity because:</source>
        <translation>同一と判断した根拠：</translation>
    </message>
    <message>
        <source>A qualifier found these values different</source>
        <translation>限定条件によりこれらの値が異なると判定されました</translation>
    </message>
    <message>
        <source>Equal identifier: decisive</source>
        <translation>識別子が一致: 決定的</translation>
    </message>
    <message>
        <source> — screened {parties} parties: {new} new</source>
        <translation> — 当事者 {parties} 件をスクリーニング: 新規 {new} 件</translation>
    </message>
    <message>
        <source>Screening failed: {message}</source>
        <translation>スクリーニングに失敗しました: {message}</translation>
    </message>
    <message>
        <source> — screening cancelled; nothing was changed</source>
        <translation> — スクリーニングをキャンセルしました。何も変更されていません</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Names compared</source>
        <translation>照合した名称</translation>
    </message>
    <message>
        <source>Other names</source>
        <translation>別名</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Countries</source>
        <translation>国</translation>
    </message>
    <message>
        <source>Birth / incorporation</source>
        <translation>生年月日 / 設立日</translation>
    </message>
    <message>
        <source>Identifiers</source>
        <translation>識別子</translation>
    </message>
    <message>
        <source>Role / list</source>
        <translation>役割 / リスト</translation>
    </message>
    <message>
        <source>Programmes</source>
        <translation>プログラム</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>住所</translation>
    </message>
    <message>
        <source>Listed on</source>
        <translation>掲載日</translation>
    </message>
    <message>
        <source>Listing ends</source>
        <translation>掲載終了日</translation>
    </message>
    <message>
        <source>State ownership</source>
        <translation>国家保有</translation>
    </message>
    <message>
        <source>Remarks / notes</source>
        <translation>備考 / メモ</translation>
    </message>
    <message>
        <source>Entry key</source>
        <translation>項目キー</translation>
    </message>
</context>
<context>
    <name>MemoActions</name>
    <message>
        <source>&amp;Memo…</source>
        <translation>審査メモ(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>結果をエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>Select a case first.</source>
        <translation>先に案件を選択してください。</translation>
    </message>
    <message>
        <source>Review memo</source>
        <translation>審査メモ</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>結果のエクスポート</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel ブック (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Results exported to %s</source>
        <translation>結果を %s にエクスポートしました</translation>
    </message>
</context>
<context>
    <name>MemoPreviewDialog</name>
    <message>
        <source>Review memo — %s</source>
        <translation>審査メモ — %s</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>PDF として保存…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>印刷…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>言語:</translation>
    </message>
    <message>
        <source>Preparing the memo…</source>
        <translation>メモを作成中…</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n ページ</numerusform>
        </translation>
    </message>
    <message>
        <source>The memo could not be built.</source>
        <translation>メモを作成できませんでした。</translation>
    </message>
    <message>
        <source>Review memo</source>
        <translation>審査メモ</translation>
    </message>
    <message>
        <source>Save memo as PDF</source>
        <translation>メモを PDF として保存</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save memo</source>
        <translation>メモの保存</translation>
    </message>
    <message>
        <source>Saved to %s</source>
        <translation>%s に保存しました</translation>
    </message>
</context>
<context>
    <name>NotesTab</name>
    <message>
        <source>No notes yet.</source>
        <translation>メモはまだありません。</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>New note (kept as written; correct with a new note)</source>
        <translation>新しいメモ (記入どおり保存されます。訂正は新しいメモで)</translation>
    </message>
    <message>
        <source>What you checked, whom you asked, what is open…</source>
        <translation>確認したこと、問い合わせ先、未解決の点…</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>メモを追加</translation>
    </message>
</context>
<context>
    <name>ObligationText</name>
    <message>
        <source>Filing deadline</source>
        <translation>届出期限</translation>
    </message>
    <message numerus="yes">
        <source>closed on %1 (%n day(s) after its due date)</source>
        <translation>
            <numerusform>%1 に終結(期限から %n 日後)</numerusform>
        </translation>
    </message>
    <message>
        <source>closed on %1</source>
        <translation>%1 に終結</translation>
    </message>
    <message>
        <source>no filing deadline set</source>
        <translation>届出期限の設定なし</translation>
    </message>
    <message>
        <source>met: filed %1</source>
        <translation>遵守: %1 に届出</translation>
    </message>
    <message numerus="yes">
        <source>filed %1 (%n day(s) late)</source>
        <translation>
            <numerusform>%1 に届出(%n 日遅延)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n 日超過</numerusform>
        </translation>
    </message>
    <message>
        <source>due today</source>
        <translation>本日期限</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) left</source>
        <translation>
            <numerusform>残り %n 日</numerusform>
        </translation>
    </message>
    <message>
        <source>closed %1</source>
        <translation>%1 終結</translation>
    </message>
    <message>
        <source>No filing deadline set</source>
        <translation>届出期限の設定なし</translation>
    </message>
    <message numerus="yes">
        <source>Closed on %1, %n day(s) after its due date %2</source>
        <translation>
            <numerusform>%1 に終結(期限 %2 から %n 日後)</numerusform>
        </translation>
    </message>
    <message>
        <source>Closed on %1</source>
        <translation>%1 に終結</translation>
    </message>
    <message>
        <source>%1 due %2: %3</source>
        <translation>%1 期限 %2: %3</translation>
    </message>
</context>
<context>
    <name>OwnershipScene</name>
    <message>
        <source>Not linked to the ownership chain</source>
        <translation>所有関係の連鎖に含まれない当事者</translation>
    </message>
    <message>
        <source>%1 % of target</source>
        <translation>対象の %1 %</translation>
    </message>
    <message>
        <source>%1 % unresolved above</source>
        <translation>上位 %1 % 未解明</translation>
    </message>
    <message>
        <source>Possible list match, not decided yet</source>
        <translation>リスト一致の可能性 (未判定)</translation>
    </message>
    <message>
        <source>%1 % votes</source>
        <translation>議決権 %1 %</translation>
    </message>
</context>
<context>
    <name>OwnershipTab</name>
    <message>
        <source>Ownership</source>
        <translation>所有関係</translation>
    </message>
    <message>
        <source>Regimes as of</source>
        <translation>制度の基準日</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全体表示</translation>
    </message>
    <message>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <source>−</source>
        <translation>−</translation>
    </message>
    <message>
        <source>Add edge…</source>
        <translation>関係を追加…</translation>
    </message>
    <message>
        <source>Change edge…</source>
        <translation>関係を変更…</translation>
    </message>
    <message>
        <source>Remove edge</source>
        <translation>関係を削除</translation>
    </message>
    <message>
        <source>Links from lists…</source>
        <translation>リストの関係…</translation>
    </message>
    <message>
        <source>Ownership links the lists record for the selected party&apos;s confirmed entries</source>
        <translation>選択した当事者の確定済み項目についてリストが記録する所有関係</translation>
    </message>
    <message>
        <source>No target entity in this case: the ownership figures need one.</source>
        <translation>この案件には対象法人がありません: 所有関係の数値には対象法人が必要です。</translation>
    </message>
    <message>
        <source>Held through foreign-adversary jurisdictions: &lt;b&gt;%s %%&lt;/b&gt;</source>
        <translation>敵対的外国の管轄を通じた保有: &lt;b&gt;%s %%&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Governments: &lt;b&gt;%s&lt;/b&gt;</source>
        <translation>政府: &lt;b&gt;%s&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Unresolved: &lt;b&gt;%s %%&lt;/b&gt;</source>
        <translation>未解明: &lt;b&gt;%s %%&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Acquirer held by one foreign state: &lt;b&gt;%s&lt;/b&gt; (parent rule: %s)</source>
        <translation>一つの外国政府による取得者の保有: &lt;b&gt;%s&lt;/b&gt; (親会社ルール: %s)</translation>
    </message>
    <message>
        <source>Listed or blocked: &lt;b&gt;%s&lt;/b&gt;</source>
        <translation>リスト掲載または資産凍結: &lt;b&gt;%s&lt;/b&gt;</translation>
    </message>
    <message>
        <source>in force</source>
        <translation>施行中</translation>
    </message>
    <message>
        <source>not in force</source>
        <translation>停止中</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国</translation>
    </message>
    <message>
        <source>Original script</source>
        <translation>原語表記</translation>
    </message>
    <message>
        <source>Romanised</source>
        <translation>ローマ字表記</translation>
    </message>
    <message>
        <source>Identifiers</source>
        <translation>識別子</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Adversary</source>
        <translation>敵対国</translation>
    </message>
    <message>
        <source>foreign-adversary jurisdiction</source>
        <translation>敵対的外国の管轄</translation>
    </message>
    <message>
        <source>Of the target</source>
        <translation>対象に対する割合</translation>
    </message>
    <message>
        <source>Of the acquirer</source>
        <translation>取得者に対する割合</translation>
    </message>
    <message>
        <source>Unresolved</source>
        <translation>未解明</translation>
    </message>
    <message>
        <source>No case selected.</source>
        <translation>案件が選択されていません。</translation>
    </message>
    <message>
        <source>Ownership of the target</source>
        <translation>対象法人の所有関係</translation>
    </message>
    <message>
        <source>Ultimate owners</source>
        <translation>最終所有者</translation>
    </message>
    <message>
        <source>missing above</source>
        <translation>上位の所有者が未記録:</translation>
    </message>
    <message>
        <source>nobody listed or blocked</source>
        <translation>リスト掲載・資産凍結の該当なし</translation>
    </message>
    <message>
        <source>nobody listed or reached</source>
        <translation>リスト掲載・許可要件の該当なし</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Owners over 100 %:</source>
        <translation>保有割合の合計が 100 % を超える当事者:</translation>
    </message>
    <message>
        <source>Click a party or an edge for details.</source>
        <translation>当事者または関係をクリックすると詳細を表示します。</translation>
    </message>
    <message>
        <source>(look-through)</source>
        <translation>(間接保有を含む)</translation>
    </message>
    <message>
        <source>Listed or reached by licence requirements: &lt;b&gt;%s&lt;/b&gt;</source>
        <translation>リスト掲載または許可要件の対象: &lt;b&gt;%s&lt;/b&gt;</translation>
    </message>
    <message>
        <source>would reach, were it in force: %s</source>
        <translation>施行されていれば対象: %s</translation>
    </message>
    <message>
        <source>of the target has no recorded owner above this party</source>
        <translation>(対象のうち、この当事者より上の所有者が記録されていない部分)</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>named by an edge but not described</source>
        <translation>関係で名前が挙がっているが記述がない</translation>
    </message>
    <message>
        <source>clear</source>
        <translation>問題なし</translation>
    </message>
    <message>
        <source>Equity</source>
        <translation>持分</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>議決権</translation>
    </message>
    <message>
        <source>Control</source>
        <translation>支配</translation>
    </message>
    <message>
        <source>Joint arrangement</source>
        <translation>共同保有</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>基準日</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>出典</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>確度</translation>
    </message>
    <message>
        <source>the case no longer exists</source>
        <translation>案件はもう存在しません</translation>
    </message>
    <message>
        <source>Edge not saved</source>
        <translation>関係は保存されていません</translation>
    </message>
    <message>
        <source>Remove %s → %s? The change is recorded in the case history.</source>
        <translation>%s → %s を削除しますか? 変更は案件の履歴に記録されます。</translation>
    </message>
    <message>
        <source>Links from lists</source>
        <translation>リストの関係</translation>
    </message>
    <message>
        <source>No ownership links: the party has no confirmed list entry, or the lists record no links for it.</source>
        <translation>所有関係はありません: 当事者に確定済みのリスト項目がないか、リストに関係が記録されていません。</translation>
    </message>
</context>
<context>
    <name>PartiesTab</name>
    <message>
        <source>government</source>
        <translation>政府</translation>
    </message>
    <message>
        <source>state-owned (%1, %2)</source>
        <translation>国有 (%1、%2)</translation>
    </message>
    <message>
        <source>excepted investor</source>
        <translation>適用除外投資家</translation>
    </message>
    <message>
        <source>Type-A</source>
        <translation>特定外国投資家 (Type-A)</translation>
    </message>
    <message>
        <source>listed</source>
        <translation>上場会社</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Original script</source>
        <translation>原語表記</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>Incorporated</source>
        <translation>設立国</translation>
    </message>
    <message>
        <source>Head office</source>
        <translation>本店所在国</translation>
    </message>
    <message>
        <source>Identifiers</source>
        <translation>識別子</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>当事者</translation>
    </message>
    <message>
        <source>Filter parties…</source>
        <translation>当事者を絞り込み…</translation>
    </message>
    <message numerus="yes">
        <source>%n party(ies)</source>
        <translation>
            <numerusform>当事者 %n 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PartyTerms</name>
    <message>
        <source>company</source>
        <translation>会社</translation>
    </message>
    <message>
        <source>person</source>
        <translation>個人</translation>
    </message>
    <message>
        <source>government</source>
        <translation>政府</translation>
    </message>
    <message>
        <source>fund</source>
        <translation>ファンド</translation>
    </message>
    <message>
        <source>trust</source>
        <translation>信託</translation>
    </message>
    <message>
        <source>dispersed</source>
        <translation>分散保有</translation>
    </message>
    <message>
        <source>other</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>target</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>acquirer</source>
        <translation>取得者</translation>
    </message>
    <message>
        <source>seller</source>
        <translation>売手</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>lender</source>
        <translation>貸手</translation>
    </message>
    <message>
        <source>JP corporate number</source>
        <translation>法人番号</translation>
    </message>
    <message>
        <source>company number</source>
        <translation>会社番号</translation>
    </message>
    <message>
        <source>passport</source>
        <translation>旅券番号</translation>
    </message>
    <message>
        <source>registration</source>
        <translation>登録番号</translation>
    </message>
    <message>
        <source>tax id</source>
        <translation>納税者番号</translation>
    </message>
    <message>
        <source>CN USCC</source>
        <translation>統一社会信用コード</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Different country of incorporation or nationality</source>
        <translation>設立国または国籍が異なる</translation>
    </message>
    <message>
        <source>Different date of birth or incorporation</source>
        <translation>生年月日または設立日が異なる</translation>
    </message>
    <message>
        <source>Different entity type (person vs organisation)</source>
        <translation>主体の種類が異なる (個人と組織)</translation>
    </message>
    <message>
        <source>Only common words in the name match</source>
        <translation>名称の一般的な語のみが一致</translation>
    </message>
    <message>
        <source>Identifier differs (LEI, registration number)</source>
        <translation>識別子が異なる (LEI、登録番号)</translation>
    </message>
    <message>
        <source>Same identifier: this is the listed party</source>
        <translation>識別子が同一: リスト掲載者本人</translation>
    </message>
    <message>
        <source>Name and country match; ownership confirms</source>
        <translation>名称と国が一致し、所有関係でも裏付けあり</translation>
    </message>
    <message>
        <source>Choose a common reason…</source>
        <translation>よく使う理由を選択…</translation>
    </message>
    <message>
        <source>Reason (required): what you compared and found</source>
        <translation>理由 (必須): 何を比較し、何が分かったか</translation>
    </message>
</context>
<context>
    <name>ReviewActions</name>
    <message>
        <source>&amp;Dashboard</source>
        <translation>ダッシュボード(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Verify audit trail</source>
        <translation>監査証跡を検証(&amp;V)</translation>
    </message>
    <message>
        <source>Re-screen open cases for &amp;new list versions</source>
        <translation>新しいリスト版で未決案件を再スクリーニング(&amp;N)</translation>
    </message>
    <message>
        <source>Re-screening open cases…</source>
        <translation>未決案件を再スクリーニング中…</translation>
    </message>
    <message>
        <source>Re-screening</source>
        <translation>再スクリーニング</translation>
    </message>
    <message>
        <source>Re-screening failed</source>
        <translation>再スクリーニングに失敗しました</translation>
    </message>
    <message numerus="yes">
        <source>%1 (version %2): %3 added, %4 changed entries; %n new match(es)</source>
        <translation>
            <numerusform>%1 (版 %2): 追加 %3 件、変更 %4 件; 新しい照合結果 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Every list version has already been run against the open cases.</source>
        <translation>すべてのリスト版は未決案件に対して実行済みです。</translation>
    </message>
    <message>
        <source>Cases with new hits: %1</source>
        <translation>新しいヒットのある案件: %1</translation>
    </message>
    <message>
        <source>No open case has new hits.</source>
        <translation>新しいヒットのある未決案件はありません。</translation>
    </message>
    <message numerus="yes">
        <source>The audit trail is intact: %n record(s), every hash and link checks out.</source>
        <translation>
            <numerusform>監査証跡は改ざんされていません: %n 件の記録すべてのハッシュと連鎖を確認しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit trail has been tampered with:</source>
        <translation>監査証跡が改ざんされています:</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>監査証跡</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>システムの既定</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>The language changes the next time Screener starts.</source>
        <translation>言語は次回 Screener の起動時に切り替わります。</translation>
    </message>
</context>
<context>
    <name>RiskTab</name>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Elevated</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Facts that made it fire</source>
        <translation>該当した事実</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>根拠</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 点</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; points (%2)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 点 (%2)</translation>
    </message>
    <message>
        <source>No points (%2)</source>
        <translation>点数なし (%2)</translation>
    </message>
    <message>
        <source> · outcomes: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation> · 判定結果: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>リスク</translation>
    </message>
    <message>
        <source>Reproduce</source>
        <translation>再現</translation>
    </message>
    <message>
        <source>Re-evaluate the stored facts with the stored rule packs</source>
        <translation>保存済みの事実を保存済みのルールパックで再評価</translation>
    </message>
    <message>
        <source>Assess</source>
        <translation>評価</translation>
    </message>
    <message>
        <source>Score the case now with the current rule packs</source>
        <translation>現在のルールパックで案件を評価</translation>
    </message>
    <message>
        <source>Not assessed yet. Press Assess to score this case.</source>
        <translation>まだ評価されていません。「評価」を押して案件を評価してください。</translation>
    </message>
    <message>
        <source>set by an outcome the score cannot outweigh: %1</source>
        <translation>点数では覆らない判定結果による: %1</translation>
    </message>
    <message>
        <source>from the score</source>
        <translation>点数による</translation>
    </message>
    <message>
        <source>Assessment %s · %s by %s · packs %s · hash %s · as of %s</source>
        <translation>評価 %s · %s (%s) · パック %s · ハッシュ %s · 基準日 %s</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 は %2 点以上</translation>
    </message>
    <message>
        <source>tiers: %1</source>
        <translation>区分: %1</translation>
    </message>
    <message>
        <source>Assessment failed</source>
        <translation>評価に失敗しました</translation>
    </message>
    <message>
        <source>Reproduced</source>
        <translation>再現できました</translation>
    </message>
    <message>
        <source>The stored facts and rule packs give the same result: %s points, %s.</source>
        <translation>保存済みの事実とルールパックで同じ結果になりました: %s 点、%s。</translation>
    </message>
    <message>
        <source>Not reproduced</source>
        <translation>再現できません</translation>
    </message>
    <message>
        <source>No outcomes: the tier follows the score.</source>
        <translation>判定結果なし: 区分はスコアに従います。</translation>
    </message>
    <message>
        <source> — outcomes in red override the score</source>
        <translation> — 赤字の判定結果はスコアに優先します</translation>
    </message>
    <message>
        <source>Outcomes: </source>
        <translation>判定結果: </translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>ゲート条件</translation>
    </message>
    <message>
        <source>Threat</source>
        <translation>脅威</translation>
    </message>
    <message>
        <source>Vulnerability</source>
        <translation>脆弱性</translation>
    </message>
    <message>
        <source>Consequence</source>
        <translation>影響</translation>
    </message>
</context>
<context>
    <name>RoleGate</name>
    <message>
        <source>server login</source>
        <translation>サーバーのログイン</translation>
    </message>
    <message>
        <source>OS login</source>
        <translation>OSのログイン</translation>
    </message>
    <message>
        <source>declared, not authenticated</source>
        <translation>申告のみ・未認証</translation>
    </message>
    <message>
        <source>Needs the %1 role</source>
        <translation>%1 の役割が必要です</translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <source>Rule</source>
        <translation>ルール</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>区分</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>重み</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>件名</translation>
    </message>
</context>
<context>
    <name>RulesView</name>
    <message>
        <source>Rule packs</source>
        <translation>ルールパック</translation>
    </message>
    <message>
        <source>Rules (weight and enabled are editable)</source>
        <translation>ルール (重みと有効/無効を編集可能)</translation>
    </message>
    <message>
        <source>Press “What-if on open case” to re-score the case with the edited rules.</source>
        <translation>「開いている案件で試算」を押すと、編集したルールで案件を再評価します。</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>What-if</source>
        <translation>試算</translation>
    </message>
    <message>
        <source>Facts you can use</source>
        <translation>使用できる事実</translation>
    </message>
    <message>
        <source>What-if on open case</source>
        <translation>開いている案件で試算</translation>
    </message>
    <message>
        <source>Re-score the open case with the edited rules, without saving</source>
        <translation>編集したルールで開いている案件を再評価 (保存しません)</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Problems (%d)</source>
        <translation>問題 (%d)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%s&lt;/b&gt; %s · %s · %d rules · valid</source>
        <translation>&lt;b&gt;%s&lt;/b&gt; %s · %s · ルール %d 件 · 有効</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s): fix them to use this pack</source>
        <translation>
            <numerusform>問題 %n 件: このパックを使うには修正してください</numerusform>
        </translation>
    </message>
    <message>
        <source>The office&apos;s active version, activated by %1 on %2 UTC.</source>
        <translation>事務所で有効な版（%1 が %2 UTC に有効化）。</translation>
    </message>
    <message>
        <source>Your copy: %1.</source>
        <translation>あなたのコピー: %1。</translation>
    </message>
    <message>
        <source>Your copy: %1 (the shipped pack is unchanged).</source>
        <translation>あなたのコピー: %1（同梱のパックは変更されていません）。</translation>
    </message>
    <message>
        <source>As shipped: %1. Save keeps your edits in your own copy.</source>
        <translation>同梱のまま: %1。保存すると編集内容はあなた専用のコピーに残ります。</translation>
    </message>
    <message>
        <source>your copy</source>
        <translation>あなたのコピー</translation>
    </message>
    <message>
        <source>(has problems)</source>
        <translation>(問題あり)</translation>
    </message>
    <message>
        <source>Open a case in the main window first.</source>
        <translation>先にメインウィンドウで案件を開いてください。</translation>
    </message>
    <message>
        <source>The edited rules have problems:</source>
        <translation>編集したルールに問題があります:</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>保存されていません</translation>
    </message>
    <message>
        <source>Cannot write %s: %s</source>
        <translation>%s に書き込めません: %s</translation>
    </message>
    <message>
        <source>This pack&apos;s parameters</source>
        <translation>このパックのパラメーター</translation>
    </message>
    <message>
        <source>Conditions use rule-engine syntax: %1, comparisons, %2, %3, %4. Function calls and %5 builtins are refused.</source>
        <translation>条件は rule-engine の構文で書きます: %1、比較、%2、%3、%4。関数呼び出しと %5 組み込み関数は使えません。</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>事実</translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation>%1 行目</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>rule %1</source>
        <translation>ルール %1</translation>
    </message>
    <message>
        <source>%1: no change — %2 points, %3.</source>
        <translation>%1: 変化なし — %2 点、%3。</translation>
    </message>
    <message>
        <source>%1: %2 points (%3); tier %4</source>
        <translation>%1: %2 点 (%3)、区分 %4</translation>
    </message>
    <message>
        <source>Now firing: %1</source>
        <translation>新たに該当: %1</translation>
    </message>
    <message>
        <source>No longer firing: %1</source>
        <translation>該当しなくなった: %1</translation>
    </message>
    <message>
        <source>%1: %2 points</source>
        <translation>%1: %2 点</translation>
    </message>
    <message>
        <source>New outcomes: %1</source>
        <translation>新たな判定結果: %1</translation>
    </message>
    <message>
        <source>Outcomes removed: %1</source>
        <translation>なくなった判定結果: %1</translation>
    </message>
    <message>
        <source>Nothing was saved.</source>
        <translation>何も保存されていません。</translation>
    </message>
</context>
<context>
    <name>RulesWindow</name>
    <message>
        <source>Rule packs</source>
        <translation>ルールパック</translation>
    </message>
</context>
<context>
    <name>ScoreHistogram</name>
    <message numerus="yes">
        <source>Hit scores (%n hit(s))</source>
        <translation>
            <numerusform>ヒットのスコア (%n 件)</numerusform>
        </translation>
    </message>
    <message>
        <source>threshold %1</source>
        <translation>しきい値 %1</translation>
    </message>
    <message>
        <source>strong %1</source>
        <translation>強い一致 %1</translation>
    </message>
</context>
<context>
    <name>ScreenerErrors</name>
    <message>
        <source>A case is decided only by sign-off: a reviewer and a different approver.</source>
        <translation>案件の決定は承認手続きでのみ行えます: レビュー担当と、別の承認者が必要です。</translation>
    </message>
    <message>
        <source>A note needs some text.</source>
        <translation>メモには本文が必要です。</translation>
    </message>
    <message>
        <source>A reason is required: say why, so the decision can be defended.</source>
        <translation>理由が必要です: 判定の根拠を説明できるよう、理由を記入してください。</translation>
    </message>
    <message>
        <source>Case {case} cannot be signed: {problems}</source>
        <translation>案件 {case} には署名できません: {problems}</translation>
    </message>
    <message>
        <source>Case {case} cannot move from {from_status} to {to_status}.</source>
        <translation>案件 {case} は「{from_status}」から「{to_status}」へ移せません。</translation>
    </message>
    <message>
        <source>Case {case} has no reviewer&apos;s signature waiting for approval.</source>
        <translation>案件 {case} には承認待ちのレビュー担当の署名がありません。</translation>
    </message>
    <message>
        <source>Case {case} is decided: reopen it (move it back to In review, with a reason) before changing its matches.</source>
        <translation>案件 {case} は決定済みです: 照合結果を変更する前に、理由を付けて「レビュー中」に戻してください。</translation>
    </message>
    <message>
        <source>Clearing with mitigation needs the mitigation measures in the comment.</source>
        <translation>「緩和措置付きで問題なし」には、コメントに緩和措置の記載が必要です。</translation>
    </message>
    <message>
        <source>Four eyes: {actor} decided a match of case {case} and cannot also approve it. Another person must approve.</source>
        <translation>四つの目の原則: {actor} は案件 {case} の照合結果を判定したため、承認もすることはできません。承認は別の人が行う必要があります。</translation>
    </message>
    <message>
        <source>Four eyes: {actor} signed as reviewer and cannot also approve. Another person must approve.</source>
        <translation>四つの目の原則: {actor} はレビュー担当として署名済みのため、承認もすることはできません。承認は別の人が行う必要があります。</translation>
    </message>
    <message>
        <source>No case with id &apos;{case}&apos;.</source>
        <translation>ID &apos;{case}&apos; の案件はありません。</translation>
    </message>
    <message>
        <source>No list version with id {version}.</source>
        <translation>ID {version} のリスト版はありません。</translation>
    </message>
    <message>
        <source>No match with id {match}.</source>
        <translation>ID {match} の照合結果はありません。</translation>
    </message>
    <message>
        <source>Reopening a decided case needs a reason.</source>
        <translation>決定済みの案件を再開するには理由が必要です。</translation>
    </message>
    <message>
        <source>Say why the case goes back to the reviewer.</source>
        <translation>案件をレビュー担当に差し戻す理由を記入してください。</translation>
    </message>
    <message>
        <source>Select at least one match to dismiss.</source>
        <translation>却下する照合結果を一つ以上選択してください。</translation>
    </message>
    <message>
        <source>The case is already signed by a reviewer and waits for approval.</source>
        <translation>この案件はレビュー担当の署名済みで、承認を待っています。</translation>
    </message>
    <message>
        <source>Unknown case state &apos;{status}&apos;; expected one of {expected}.</source>
        <translation>不明な案件の状態 &apos;{status}&apos; です。次のいずれかを指定してください: {expected}。</translation>
    </message>
    <message>
        <source>Unknown decision &apos;{outcome}&apos;; expected confirm, dismiss or unsure.</source>
        <translation>不明な判定 &apos;{outcome}&apos; です。confirm、dismiss、unsure のいずれかを指定してください。</translation>
    </message>
    <message>
        <source>Unknown decision &apos;{outcome}&apos;; expected one of {expected}.</source>
        <translation>不明な判定 &apos;{outcome}&apos; です。次のいずれかを指定してください: {expected}。</translation>
    </message>
    <message>
        <source>{kind} {id} was changed by someone else (version {version}, you were looking at version {expected}). Nothing was saved; reload it and decide again.</source>
        <translation>{kind} {id} は他の人によって変更されました (現在の版 {version}、表示していた版 {expected})。何も保存されていません。再読み込みしてから、もう一度判定してください。</translation>
    </message>
    <message>
        <source>{kind} {id} was changed by someone else while you were saving. Nothing was saved; reload it and try again.</source>
        <translation>保存中に {kind} {id} が他の人によって変更されました。何も保存されていません。再読み込みしてから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The records this change builds on were changed by someone else while it was being saved. Nothing was saved; reload and try again.</source>
        <translation>この変更の前提となる記録が、保存中に他の人によって変更されました。何も保存されていません。再読み込みしてから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The database server at {where} failed: {detail}. Nothing was saved.</source>
        <translation>データベースサーバー {where} でエラーが発生しました: {detail}。何も保存されていません。</translation>
    </message>
    <message>
        <source>The database server failed: {detail}. Nothing was saved.</source>
        <translation>データベースサーバーでエラーが発生しました: {detail}。何も保存されていません。</translation>
    </message>
    <message>
        <source>The records this change builds on were changed by someone else while it was being saved ({attempts} attempts). Nothing was saved; reload and try again.</source>
        <translation>この変更の前提となる記録が、保存中に他の人によって変更されました ({attempts} 回試行)。何も保存されていません。再読み込みしてから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Cannot reach the database server at {where}: connection refused (is it running?). Nothing was saved.</source>
        <translation>データベースサーバー {where} に接続できません: 接続が拒否されました (サーバーは起動していますか?)。何も保存されていません。</translation>
    </message>
    <message>
        <source>Cannot reach the database server: connection refused (is it running?). Nothing was saved.</source>
        <translation>データベースサーバーに接続できません: 接続が拒否されました (サーバーは起動していますか?)。何も保存されていません。</translation>
    </message>
    <message>
        <source>The database server at {where} did not answer within {seconds} s. Nothing was saved.</source>
        <translation>データベースサーバー {where} が {seconds} 秒以内に応答しませんでした。何も保存されていません。</translation>
    </message>
    <message>
        <source>The database server did not answer within {seconds} s. Nothing was saved.</source>
        <translation>データベースサーバーが {seconds} 秒以内に応答しませんでした。何も保存されていません。</translation>
    </message>
    <message>
        <source>The database server&apos;s host name at {where} is unknown. Nothing was saved.</source>
        <translation>データベースサーバーのホスト名 {where} が見つかりません。何も保存されていません。</translation>
    </message>
    <message>
        <source>The database server&apos;s host name is unknown. Nothing was saved.</source>
        <translation>データベースサーバーのホスト名が見つかりません。何も保存されていません。</translation>
    </message>
    <message>
        <source>The connection to the database server was lost during the command (the server stopped or restarted). Nothing was saved.</source>
        <translation>処理中にデータベースサーバーとの接続が切れました (サーバーが停止または再起動しました)。何も保存されていません。</translation>
    </message>
    <message>
        <source>The database file {where} was busy with another writer for more than {seconds} s (lock timeout). Nothing was saved; try again.</source>
        <translation>データベースファイル {where} は他の書き込みで {seconds} 秒以上使用中でした (ロックのタイムアウト)。何も保存されていません。もう一度お試しください。</translation>
    </message>
    <message>
        <source>The database file was busy with another writer for more than {seconds} s (lock timeout). Nothing was saved; try again.</source>
        <translation>データベースファイルは他の書き込みで {seconds} 秒以上使用中でした (ロックのタイムアウト)。何も保存されていません。もう一度お試しください。</translation>
    </message>
    <message>
        <source>The database file {where} failed: {detail}. Nothing was saved.</source>
        <translation>データベースファイル {where} でエラーが発生しました: {detail}。何も保存されていません。</translation>
    </message>
    <message>
        <source>The database file failed: {detail}. Nothing was saved.</source>
        <translation>データベースファイルでエラーが発生しました: {detail}。何も保存されていません。</translation>
    </message>
    <message>
        <source>The database connection failed ({detail}). Nothing was saved.</source>
        <translation>データベースへの接続でエラーが発生しました ({detail})。何も保存されていません。</translation>
    </message>
    <message>
        <source>The database server shut down (an administrator stopped it) during the command. Nothing was saved.</source>
        <translation>処理中にデータベースサーバーが停止しました (管理者による停止)。何も保存されていません。</translation>
    </message>
    <message>
        <source>The database server crashed and dropped every connection during the command. Nothing was saved.</source>
        <translation>処理中にデータベースサーバーが異常終了し、すべての接続が切断されました。何も保存されていません。</translation>
    </message>
    <message>
        <source>The database server is not accepting work yet (it is starting up, recovering or shutting down). Nothing was saved.</source>
        <translation>データベースサーバーはまだ処理を受け付けていません (起動中、復旧中、または停止中)。何も保存されていません。</translation>
    </message>
    <message>
        <source>The database server refused the connection: too many clients already. Nothing was saved.</source>
        <translation>データベースサーバーが接続を拒否しました: 接続数が上限に達しています。何も保存されていません。</translation>
    </message>
    <message>
        <source>The database server&apos;s disk is full. Nothing was saved.</source>
        <translation>データベースサーバーのディスクがいっぱいです。何も保存されていません。</translation>
    </message>
    <message>
        <source>Another officer&apos;s work held a lock needed here for more than {seconds} s (lock timeout). Nothing was saved.</source>
        <translation>他の担当者の作業が、この処理に必要なロックを {seconds} 秒以上保持していました (ロックのタイムアウト)。何も保存されていません。</translation>
    </message>
    <message>
        <source>The database server cancelled the command (statement timeout). Nothing was saved.</source>
        <translation>データベースサーバーが処理を取り消しました (ステートメントのタイムアウト)。何も保存されていません。</translation>
    </message>
    <message>
        <source>The database does not exist on the server. Nothing was saved.</source>
        <translation>サーバー上にデータベースが存在しません。何も保存されていません。</translation>
    </message>
    <message>
        <source>The database server refused the login (wrong password). Nothing was saved.</source>
        <translation>データベースサーバーがログインを拒否しました (パスワードが違います)。何も保存されていません。</translation>
    </message>
    <message>
        <source>The database server refused the login. Nothing was saved.</source>
        <translation>データベースサーバーがログインを拒否しました。何も保存されていません。</translation>
    </message>
    <message>
        <source>The database refused: this login may not do that (permission denied). Nothing was saved.</source>
        <translation>データベースが拒否しました: このログインにはその操作の権限がありません。何も保存されていません。</translation>
    </message>
    <message>
        <source>The database server is starting up. Nothing was saved; try again in a moment.</source>
        <translation>データベースサーバーは起動中です。何も保存されていません。しばらくしてから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The database server is recovering after a crash. Nothing was saved; try again in a moment.</source>
        <translation>データベースサーバーは異常終了から復旧中です。何も保存されていません。しばらくしてから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The database server is recovering and not yet accepting connections. Nothing was saved; try again in a moment.</source>
        <translation>データベースサーバーは復旧中で、まだ接続を受け付けていません。何も保存されていません。しばらくしてから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The database server is shutting down. Nothing was saved; try again in a moment.</source>
        <translation>データベースサーバーは停止処理中です。何も保存されていません。しばらくしてから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The database server refused the connection: too many clients already. Nothing was saved; try again in a moment.</source>
        <translation>データベースサーバーが接続を拒否しました: 接続数が上限に達しています。何も保存されていません。しばらくしてから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The database server refused the connection: its remaining connections are reserved. Nothing was saved; try again in a moment.</source>
        <translation>データベースサーバーが接続を拒否しました: 残りの接続枠は予約済みです。何も保存されていません。しばらくしてから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>スクリーニング中</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>レビュー中</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>エスカレーション</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>決定済み</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>照合結果</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>当事者</translation>
    </message>
    <message>
        <source>anchoring the audit trail</source>
        <translation>監査証跡のアンカー登録</translation>
    </message>
    <message>
        <source>deciding a match</source>
        <translation>照合結果の判定</translation>
    </message>
    <message>
        <source>deciding a case</source>
        <translation>案件の決定</translation>
    </message>
    <message>
        <source>moving a case</source>
        <translation>案件の状態変更</translation>
    </message>
    <message>
        <source>signing as reviewer</source>
        <translation>レビュー担当としての署名</translation>
    </message>
    <message>
        <source>approving</source>
        <translation>承認</translation>
    </message>
    <message>
        <source>activating a rule pack</source>
        <translation>ルールパックの有効化</translation>
    </message>
    <message>
        <source>Reading cases, lists and the audit trail</source>
        <translation>案件・リスト・監査証跡の閲覧</translation>
    </message>
    <message>
        <source>Importing a deal file</source>
        <translation>取引ファイルの取り込み</translation>
    </message>
    <message>
        <source>Screening a case</source>
        <translation>案件のスクリーニング</translation>
    </message>
    <message>
        <source>Re-screening open cases</source>
        <translation>未決案件の再スクリーニング</translation>
    </message>
    <message>
        <source>Deciding a match</source>
        <translation>照合結果の判定</translation>
    </message>
    <message>
        <source>Saying two list entries are not one entity</source>
        <translation>二つのリスト項目が同一の対象ではないとする判断</translation>
    </message>
    <message>
        <source>Editing ownership</source>
        <translation>所有関係の編集</translation>
    </message>
    <message>
        <source>Moving or assigning a case</source>
        <translation>案件の状態変更・担当割り当て</translation>
    </message>
    <message>
        <source>Adding a note</source>
        <translation>メモの追加</translation>
    </message>
    <message>
        <source>Assessing risk</source>
        <translation>リスク評価</translation>
    </message>
    <message>
        <source>Signing as reviewer</source>
        <translation>レビュー担当としての署名</translation>
    </message>
    <message>
        <source>Approving or returning a case</source>
        <translation>案件の承認・差し戻し</translation>
    </message>
    <message>
        <source>Signing off</source>
        <translation>承認手続き</translation>
    </message>
    <message>
        <source>Importing a list</source>
        <translation>リストの取り込み</translation>
    </message>
    <message>
        <source>Choosing the active list version</source>
        <translation>使用するリスト版の選択</translation>
    </message>
    <message>
        <source>Saving or activating a rule pack</source>
        <translation>ルールパックの保存・有効化</translation>
    </message>
    <message>
        <source>Anchoring the audit trail</source>
        <translation>監査証跡のアンカー登録</translation>
    </message>
    <message>
        <source>Granting and revoking roles</source>
        <translation>役割の付与・取り消し</translation>
    </message>
    <message>
        <source>%1 needs the %2 role; %3 does not hold it</source>
        <translation>%1には %2 の役割が必要です。%3 はこの役割を持っていません</translation>
    </message>
    <message>
        <source>%1 needs the %2 role (%3)</source>
        <translation>%1には %2 の役割が必要です (%3)</translation>
    </message>
    <message>
        <source>your roles on the server do not allow this (%1)</source>
        <translation>サーバー上のあなたの役割ではこの操作はできません (%1)</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Search lists</source>
        <translation>リストの検索</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Programmes</source>
        <translation>プログラム</translation>
    </message>
    <message>
        <source>Score detail</source>
        <translation>スコアの内訳</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>List</source>
        <translation>リスト</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Matched name</source>
        <translation>一致した名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Search all active lists: a person, company or vessel name…</source>
        <translation>使用中のすべてのリストを検索: 個人、企業、船舶の名称…</translation>
    </message>
    <message>
        <source>Any type</source>
        <translation>すべての種類</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>個人</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>Type a name to search.</source>
        <translation>検索する名称を入力してください。</translation>
    </message>
    <message>
        <source>Select a hit to read why it scored as it did.</source>
        <translation>ヒットを選択すると、そのスコアの理由を確認できます。</translation>
    </message>
    <message>
        <source>Loading the active lists (first search only)…</source>
        <translation>使用中のリストを読み込み中 (初回の検索のみ)…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>検索中…</translation>
    </message>
    <message>
        <source>{hits} hits for “{text}” in {size} list entries; {alerts} at or above the review threshold {threshold:.2f}.</source>
        <translation>「{text}」のヒット {hits} 件 (リスト項目 {size} 件中)。レビューしきい値 {threshold:.2f} 以上は {alerts} 件。</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>Sign in to the office server</source>
        <translation>オフィスのサーバーにサインイン</translation>
    </message>
    <message>
        <source>Password for %1 on %2:</source>
        <translation>%2 の %1 のパスワード:</translation>
    </message>
    <message>
        <source>Wrong password. Password for %1 on %2:</source>
        <translation>パスワードが違います。%2 の %1 のパスワード:</translation>
    </message>
</context>
<context>
    <name>SignOffDialog</name>
    <message>
        <source>Sign off case %1</source>
        <translation>案件 %1 の承認</translation>
    </message>
    <message>
        <source>Signing as</source>
        <translation>署名者</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>決定</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>レビュー担当</translation>
    </message>
    <message>
        <source>Reviewer&apos;s comment</source>
        <translation>レビュー担当のコメント</translation>
    </message>
    <message>
        <source>Reasoning; mitigation measures if any</source>
        <translation>判断理由、緩和措置があればその内容</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>コメント</translation>
    </message>
    <message>
        <source>Optional: a dissent recorded with the decision</source>
        <translation>任意: 決定とともに記録する反対意見</translation>
    </message>
    <message>
        <source>Dissent</source>
        <translation>反対意見</translation>
    </message>
    <message>
        <source>Sign as reviewer</source>
        <translation>レビュー担当として署名</translation>
    </message>
    <message>
        <source>Approve decision</source>
        <translation>決定を承認</translation>
    </message>
    <message>
        <source>Return to reviewer</source>
        <translation>レビュー担当に差し戻す</translation>
    </message>
    <message>
        <source>Four eyes: you signed as reviewer; another person must approve.</source>
        <translation>四つの目の原則: あなたはレビュー担当として署名済みです。承認は別の人が行う必要があります。</translation>
    </message>
    <message>
        <source>The case is %1; only a case in review or escalated can be signed.</source>
        <translation>案件は %1 です。署名できるのはレビュー中またはエスカレーション中の案件だけです。</translation>
    </message>
    <message numerus="yes">
        <source>%n screening match(es) are still undecided.</source>
        <translation>
            <numerusform>未判定の照合結果が %n 件あります。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es) are marked unsure: a case cannot be cleared while a possible hit is unresolved.</source>
        <translation>
            <numerusform>保留の照合結果が %n 件あります: 該当の可能性が未解決のまま案件を「問題なし」にはできません。</numerusform>
        </translation>
    </message>
    <message>
        <source>New list hits arrived since the last review: review them first.</source>
        <translation>前回のレビュー以降に新しいリストヒットがあります: 先に確認してください。</translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> ほか %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not screened: %n party(ies) were never screened or changed since (%1); screen the case first.</source>
        <translation>
            <numerusform>未スクリーニング: %n 件の当事者が未照合または照合後に変更されています (%1)。先に案件をスクリーニングしてください。</numerusform>
        </translation>
    </message>
    <message>
        <source>Screened against old lists: %1 have a newer active version; screen the case again.</source>
        <translation>古いリストで照合済み: %1 に新しい版があります。案件を再度スクリーニングしてください。</translation>
    </message>
    <message>
        <source>No sanctions list is loaded: import the lists and screen the case.</source>
        <translation>制裁リストが読み込まれていません: リストを取り込み、案件をスクリーニングしてください。</translation>
    </message>
    <message>
        <source>Not assessed: run the risk assessment first.</source>
        <translation>未評価: 先にリスク評価を実行してください。</translation>
    </message>
    <message>
        <source>The risk assessment is older than the latest screening or match decision: assess the case again.</source>
        <translation>リスク評価が最新のスクリーニングまたは照合判定より古くなっています: 再度評価してください。</translation>
    </message>
</context>
<context>
    <name>SummaryTab</name>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Mark as reviewed</source>
        <translation>確認済みにする</translation>
    </message>
    <message>
        <source>Clear the &apos;new&apos; flags once you have looked at the new hits</source>
        <translation>新しいヒットを確認したら「新規」の印を消します</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>レビュー</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>決定</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>Sign-off</source>
        <translation>承認</translation>
    </message>
    <message>
        <source>Move to…</source>
        <translation>状態を変更…</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>担当を割り当て…</translation>
    </message>
    <message>
        <source>Sign off…</source>
        <translation>承認…</translation>
    </message>
    <message>
        <source>Statutory clocks</source>
        <translation>法定審査期間</translation>
    </message>
    <message>
        <source>Screening and risk</source>
        <translation>スクリーニングとリスク</translation>
    </message>
    <message>
        <source>Screen now</source>
        <translation>今すぐスクリーニング</translation>
    </message>
    <message>
        <source>Screen every party against all active list versions</source>
        <translation>すべての当事者を使用中のすべてのリスト版と照合</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>スクリーニング</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>照合結果</translation>
    </message>
    <message>
        <source>Risk tier</source>
        <translation>リスク区分</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Summary and recommendation</source>
        <translation>概要と勧告</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>勧告</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未割り当て</translation>
    </message>
    <message>
        <source>The case is %1: only a case in review or escalated can be signed. Move it to In review first.</source>
        <translation>案件は %1 です: 署名できるのは審査中またはエスカレーション中の案件のみです。先に「審査中」に移してください。</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>未署名</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation>次: %1</translation>
    </message>
    <message>
        <source>No statutory clock for these jurisdictions.</source>
        <translation>これらの管轄には法定審査期間がありません。</translation>
    </message>
    <message>
        <source>%1: not started (no filing date)</source>
        <translation>%1: 未開始 (届出日なし)</translation>
    </message>
    <message>
        <source>%1: filed %2, due %3</source>
        <translation>%1: %2 届出、期限 %3</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>照合結果なし</translation>
    </message>
    <message>
        <source>Not screened yet</source>
        <translation>未スクリーニング</translation>
    </message>
    <message numerus="yes">
        <source>New list hits since the last review: %n match(es) to look at in Matches.</source>
        <translation>
            <numerusform>前回のレビュー以降の新しいリストヒット: 照合結果タブで %n 件を確認してください。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not assessed: assess it in the Risk tab</source>
        <translation>未評価: リスクタブで評価してください</translation>
    </message>
    <message>
        <source>out of date: assess again in the Risk tab</source>
        <translation>古い評価: リスクタブで再評価してください</translation>
    </message>
    <message>
        <source>received</source>
        <translation>受付</translation>
    </message>
    <message>
        <source>filed</source>
        <translation>届出</translation>
    </message>
    <message>
        <source>filing deadline</source>
        <translation>届出期限</translation>
    </message>
    <message>
        <source>No list is loaded: import the sanctions lists, then screen</source>
        <translation>リストが読み込まれていません: 制裁リストを取り込んでからスクリーニングしてください</translation>
    </message>
    <message numerus="yes">
        <source>%n party(ies) not screened since added or changed: %1</source>
        <translation>
            <numerusform>追加・変更後に未照合の当事者 %n 件: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Screened against old lists: %1 have a newer version</source>
        <translation>古いリストで照合済み: %1 に新しい版があります</translation>
    </message>
    <message>
        <source>Screened %1 against the lists now active</source>
        <translation>%1 に現在使用中のリストと照合済み</translation>
    </message>
    <message>
        <source>Move case</source>
        <translation>案件の状態変更</translation>
    </message>
    <message>
        <source>Reason for moving to %1:</source>
        <translation>%1 に変更する理由:</translation>
    </message>
    <message>
        <source>Assign case</source>
        <translation>案件の割り当て</translation>
    </message>
    <message>
        <source>Reviewer:</source>
        <translation>レビュー担当:</translation>
    </message>
    <message>
        <source>CFIUS review period</source>
        <translation>CFIUS 審査期間</translation>
    </message>
    <message>
        <source>FEFTA prior-notification waiting period</source>
        <translation>外為法 事前届出の待機期間</translation>
    </message>
</context>
<context>
    <name>UnlinkButton</name>
    <message>
        <source>Not one entity…</source>
        <translation>同一の対象ではない…</translation>
    </message>
    <message>
        <source>Undo a join of these list entries: each list&apos;s entry is then decided on its own</source>
        <translation>これらのリスト項目の結び付けを取り消します。以後、各リストの項目を個別に判断します</translation>
    </message>
    <message>
        <source>Not one entity</source>
        <translation>同一の対象ではない</translation>
    </message>
    <message>
        <source>That join was undone already.</source>
        <translation>この結び付けは既に取り消されています。</translation>
    </message>
    <message>
        <source>Which join is wrong?</source>
        <translation>どの結び付けが誤りですか？</translation>
    </message>
    <message>
        <source>Why are they not one entity? The reason is kept in the audit trail.</source>
        <translation>同一の対象ではない理由を入力してください。理由は監査証跡に記録されます。</translation>
    </message>
</context>
<context>
    <name>VersionsModel</name>
    <message>
        <source>Source</source>
        <translation>出典</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>公表日</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>取り込み日時</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>個人</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>Vessels</source>
        <translation>船舶</translation>
    </message>
    <message>
        <source>Aircraft</source>
        <translation>航空機</translation>
    </message>
    <message>
        <source>Type not stated</source>
        <translation>種別不明</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>✓ active</source>
        <translation>✓ 使用中</translation>
    </message>
</context>
<context>
    <name>VersionsTimeline</name>
    <message>
        <source>%1: versions over time</source>
        <translation>%1: 版の推移</translation>
    </message>
    <message>
        <source>first version</source>
        <translation>最初の版</translation>
    </message>
</context>
<context>
    <name>Workflow</name>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>スクリーニング中</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>レビュー中</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>エスカレーション</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>決定済み</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>問題なし</translation>
    </message>
    <message>
        <source>Cleared with mitigation</source>
        <translation>緩和措置付きで問題なし</translation>
    </message>
    <message>
        <source>Recommend block</source>
        <translation>阻止を勧告</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>未判定</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>確定</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>却下</translation>
    </message>
    <message>
        <source>Unsure</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>レビュー担当</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>承認者</translation>
    </message>
    <message>
        <source>Returned to reviewer</source>
        <translation>レビュー担当に差し戻し</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未開始</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>進行中</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>期限間近</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>期限超過</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>他の利用者が変更しました</translation>
    </message>
    <message>
        <source>Not possible</source>
        <translation>実行できません</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>サーバーが拒否しました</translation>
    </message>
    <message>
        <source>The office server refused this; nothing was saved.

%1</source>
        <translation>オフィスのサーバーが拒否しました。何も保存されていません。

%1</translation>
    </message>
</context>
</TS>
