<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>AdjudicationPanel</name>
    <message numerus="yes">
        <source>Dismiss %n selected (D)</source>
        <translation>
            <numerusform>Dismiss %n selected (D)</numerusform>
            <numerusform>Dismiss %n selected (D)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n matches selected: dismiss them together with one reason.</source>
        <translation>
            <numerusform>%n match selected: dismiss it together with one reason.</numerusform>
            <numerusform>%n matches selected: dismiss them together with one reason.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Dismiss %n match(es)</source>
        <translation>
            <numerusform>Dismiss %n match</numerusform>
            <numerusform>Dismiss %n matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeadlineTimeline</name>
    <message numerus="yes">
        <source>Statutory deadlines, the next %n week(s)</source>
        <translation>
            <numerusform>Statutory deadlines, the next %n week</numerusform>
            <numerusform>Statutory deadlines, the next %n weeks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DealImport</name>
    <message numerus="yes">
        <source>&lt;b&gt;%1 was not imported&lt;/b&gt;: %n error(s). Nothing was written; fix the file and import it again.</source>
        <translation>
            <numerusform>&lt;b&gt;%1 was not imported&lt;/b&gt;: %n error. Nothing was written; fix the file and import it again.</numerusform>
            <numerusform>&lt;b&gt;%1 was not imported&lt;/b&gt;: %n errors. Nothing was written; fix the file and import it again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1 imported&lt;/b&gt; (%2) with %n warning(s):</source>
        <translation>
            <numerusform>&lt;b&gt;%1 imported&lt;/b&gt; (%2) with %n warning:</numerusform>
            <numerusform>&lt;b&gt;%1 imported&lt;/b&gt; (%2) with %n warnings:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DemoCompletion</name>
    <message numerus="yes">
        <source>Demo case ready: %n possible match(es) to review, risk tier %1.</source>
        <translation>
            <numerusform>Demo case ready: %n possible match to review, risk tier %1.</numerusform>
            <numerusform>Demo case ready: %n possible matches to review, risk tier %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MatchesTab</name>
    <message numerus="yes">
        <source>%n listed entity(ies) matched</source>
        <translation>
            <numerusform>%n listed entity matched</numerusform>
            <numerusform>%n listed entities matched</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>One listed entity on %n list(s); one decision covers them all:</source>
        <translation>
            <numerusform>One listed entity on %n list; one decision covers it:</numerusform>
            <numerusform>One listed entity on %n lists; one decision covers them all:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MemoPreviewDialog</name>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ObligationText</name>
    <message numerus="yes">
        <source>closed on %1 (%n day(s) after its due date)</source>
        <translation>
            <numerusform>closed on %1 (%n day after its due date)</numerusform>
            <numerusform>closed on %1 (%n days after its due date)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>filed %1 (%n day(s) late)</source>
        <translation>
            <numerusform>filed %1 (%n day late)</numerusform>
            <numerusform>filed %1 (%n days late)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) left</source>
        <translation>
            <numerusform>%n day left</numerusform>
            <numerusform>%n days left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Closed on %1, %n day(s) after its due date %2</source>
        <translation>
            <numerusform>Closed on %1, %n day after its due date %2</numerusform>
            <numerusform>Closed on %1, %n days after its due date %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PartiesTab</name>
    <message numerus="yes">
        <source>%n party(ies)</source>
        <translation>
            <numerusform>%n party</numerusform>
            <numerusform>%n parties</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewActions</name>
    <message numerus="yes">
        <source>%1 (version %2): %3 added, %4 changed entries; %n new match(es)</source>
        <translation>
            <numerusform>%1 (version %2): %3 added, %4 changed entries; %n new match</numerusform>
            <numerusform>%1 (version %2): %3 added, %4 changed entries; %n new matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The audit trail is intact: %n record(s), every hash and link checks out.</source>
        <translation>
            <numerusform>The audit trail is intact: %n record, every hash and link checks out.</numerusform>
            <numerusform>The audit trail is intact: %n records, every hash and link checks out.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RulesView</name>
    <message numerus="yes">
        <source>%n problem(s): fix them to use this pack</source>
        <translation>
            <numerusform>%n problem: fix it to use this pack</numerusform>
            <numerusform>%n problems: fix them to use this pack</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScoreHistogram</name>
    <message numerus="yes">
        <source>Hit scores (%n hit(s))</source>
        <translation>
            <numerusform>Hit scores (%n hit)</numerusform>
            <numerusform>Hit scores (%n hits)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignOffDialog</name>
    <message numerus="yes">
        <source>%n screening match(es) are still undecided.</source>
        <translation>
            <numerusform>%n screening match is still undecided.</numerusform>
            <numerusform>%n screening matches are still undecided.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es) are marked unsure: a case cannot be cleared while a possible hit is unresolved.</source>
        <translation>
            <numerusform>%n match is marked unsure: a case cannot be cleared while a possible hit is unresolved.</numerusform>
            <numerusform>%n matches are marked unsure: a case cannot be cleared while a possible hit is unresolved.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> and %n more</numerusform>
            <numerusform> and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not screened: %n party(ies) were never screened or changed since (%1); screen the case first.</source>
        <translation>
            <numerusform>Not screened: %n party was never screened or changed since (%1); screen the case first.</numerusform>
            <numerusform>Not screened: %n parties were never screened or changed since (%1); screen the case first.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryTab</name>
    <message numerus="yes">
        <source>New list hits since the last review: %n match(es) to look at in Matches.</source>
        <translation>
            <numerusform>New list hits since the last review: %n match to look at in Matches.</numerusform>
            <numerusform>New list hits since the last review: %n matches to look at in Matches.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n party(ies) not screened since added or changed: %1</source>
        <translation>
            <numerusform>%n party not screened since added or changed: %1</numerusform>
            <numerusform>%n parties not screened since added or changed: %1</numerusform>
        </translation>
    </message>
</context>
</TS>
