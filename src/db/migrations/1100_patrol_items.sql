-- M4.1 The catalogue of patrol items entered into the grid (入格事项). Each item is data: its
-- targets, cycle, duties, checklist, evidence and the conditions that turn a finding into a case
-- (移交条件). Administrators revise an item; every revision is a new version, kept, so that a task
-- keeps the version it was created with (issue 15).
CREATE TABLE patrol_items (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{1,39}$'),
  version integer NOT NULL DEFAULT 1,
  active boolean NOT NULL DEFAULT true
);

CREATE TABLE patrol_item_versions (
  item_code text NOT NULL REFERENCES patrol_items(code),
  version integer NOT NULL CHECK (version >= 1),
  definition jsonb NOT NULL,
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (item_code, version)
);

-- The six items of the seed (004, 三(一)1: 登记地址信息核查、开业经营情况核查、许可办理情况核查、
-- 无证照经营线索巡查、督促年报、亮照经营), their transfer conditions the four kinds of clue of
-- 三(一)4 (case categories clue-*).
INSERT INTO patrol_items (code) VALUES
  ('address-check'), ('opening-check'), ('licence-check'), ('unlicensed-patrol'), ('annual-report'), ('licence-display');

INSERT INTO patrol_item_versions (item_code, version, definition) VALUES
('address-check', 1, $${
  "name": {"zh": "登记地址信息核查", "en": "Registered address check"},
  "targets": {"operatingStates": ["operating", "suspended"]},
  "cycle": {"kind": "event", "event": "registered", "dueWorkingDays": 10},
  "duties": ["grid_worker", "grid_head"],
  "checklist": [
    {"key": "found", "text": {"zh": "在登记地址找到该市场主体", "en": "The business is found at its registered address"}, "answer": "yesNo", "required": true},
    {"key": "addressMatches", "text": {"zh": "实际经营地址与登记地址一致", "en": "It operates at the registered address"}, "answer": "yesNo", "required": true},
    {"key": "note", "text": {"zh": "情况说明", "en": "Notes"}, "answer": "text", "required": false}
  ],
  "evidence": {"minPhotos": 1, "video": false},
  "transfers": [
    {"question": "found", "answers": [false], "categoryCode": "clue-not-found"},
    {"question": "addressMatches", "answers": [false], "categoryCode": "clue-address-mismatch"}
  ]
}$$),
('opening-check', 1, $${
  "name": {"zh": "开业经营情况核查", "en": "Opening and operation check"},
  "targets": {"operatingStates": ["operating", "suspended"]},
  "cycle": {"kind": "periodic", "days": 180},
  "duties": ["grid_worker", "grid_head"],
  "checklist": [
    {"key": "state", "text": {"zh": "经营状态", "en": "Operating state"}, "answer": "choice", "required": true, "options": [
      {"value": "operating", "label": {"zh": "正常经营", "en": "Operating"}},
      {"value": "notOpened", "label": {"zh": "尚未开业", "en": "Not yet open"}},
      {"value": "suspended", "label": {"zh": "停业", "en": "Suspended"}},
      {"value": "gone", "label": {"zh": "已不在此经营", "en": "No longer here"}}
    ]},
    {"key": "staff", "text": {"zh": "从业人数", "en": "People working there"}, "answer": "number", "required": false}
  ],
  "evidence": {"minPhotos": 1, "video": false},
  "transfers": [
    {"question": "state", "answers": ["gone"], "categoryCode": "clue-not-found"}
  ]
}$$),
('licence-check', 1, $${
  "name": {"zh": "许可办理情况核查", "en": "Licence check"},
  "targets": {"operatingStates": ["operating"], "licensedTradesOnly": true},
  "cycle": {"kind": "periodic", "days": 365},
  "duties": ["grid_worker", "grid_head"],
  "checklist": [
    {"key": "needsLicence", "text": {"zh": "经营项目需要行政许可", "en": "The trade needs a licence"}, "answer": "yesNo", "required": true},
    {"key": "licenceValid", "text": {"zh": "许可证在有效期内", "en": "The licence is valid"}, "answer": "yesNo", "required": true}
  ],
  "evidence": {"minPhotos": 1, "video": false},
  "transfers": [
    {"question": "licenceValid", "answers": [false], "categoryCode": "clue-unlicensed-licensed"}
  ]
}$$),
('unlicensed-patrol', 1, $${
  "name": {"zh": "无证照经营线索巡查", "en": "Unlicensed business patrol"},
  "targets": {"wholeGrid": true},
  "cycle": {"kind": "periodic", "days": 30},
  "duties": ["grid_worker"],
  "checklist": [
    {"key": "found", "text": {"zh": "发现无照经营", "en": "Unlicensed business found"}, "answer": "yesNo", "required": true},
    {"key": "trade", "text": {"zh": "所属行业", "en": "Trade"}, "answer": "choice", "required": false, "options": [
      {"value": "general", "label": {"zh": "一般行业", "en": "Ordinary trade"}},
      {"value": "licensed", "label": {"zh": "许可行业", "en": "Licensed trade"}}
    ]},
    {"key": "place", "text": {"zh": "地点与经营者描述", "en": "Place and operator"}, "answer": "text", "required": false}
  ],
  "evidence": {"minPhotos": 1, "video": false},
  "transfers": [
    {"question": "trade", "answers": ["general"], "categoryCode": "clue-unlicensed-general"},
    {"question": "trade", "answers": ["licensed"], "categoryCode": "clue-unlicensed-licensed"}
  ]
}$$),
('annual-report', 1, $${
  "name": {"zh": "督促年报", "en": "Annual report reminder"},
  "targets": {"operatingStates": ["operating", "suspended"], "annualReportMissing": true},
  "cycle": {"kind": "event", "event": "annualReportSeason", "dueWorkingDays": 20},
  "duties": ["grid_worker", "grid_head"],
  "checklist": [
    {"key": "reminded", "text": {"zh": "已当面或电话提醒报送年报", "en": "Reminded in person or by phone"}, "answer": "yesNo", "required": true},
    {"key": "note", "text": {"zh": "情况说明", "en": "Notes"}, "answer": "text", "required": false}
  ],
  "evidence": {"minPhotos": 0, "video": false},
  "transfers": []
}$$),
('licence-display', 1, $${
  "name": {"zh": "亮照经营检查", "en": "Licence display check"},
  "targets": {"operatingStates": ["operating"]},
  "cycle": {"kind": "periodic", "days": 90},
  "duties": ["grid_worker", "grid_head"],
  "checklist": [
    {"key": "displayed", "text": {"zh": "营业执照悬挂于醒目位置", "en": "The business licence is displayed"}, "answer": "yesNo", "required": true}
  ],
  "evidence": {"minPhotos": 1, "video": false},
  "transfers": [
    {"question": "displayed", "answers": [false], "categoryCode": "licence"}
  ]
}$$);
