import { defineErrors } from '../../server/errors.ts'

export const PatrolErrors = defineErrors({
  'patrol.itemUnknown': { status: 404, zh: '巡查事项 {code} 不存在', en: 'There is no patrol item {code}' },
  'patrol.itemExists': { status: 409, zh: '巡查事项代码 {code} 已被使用，请换一个代码', en: 'The patrol item code {code} is taken; choose another' },
  'patrol.questionTwice': { status: 400, zh: '检查单中问题“{questionZh}”与另一个问题的代码相同，请为每个问题设不同的代码', en: 'The checklist question "{questionEn}" has the same key as another question; give each its own' },
  'patrol.optionsMisplaced': {
    status: 400, zh: '问题“{questionZh}”：单选题须填写选项，其他题型不能带选项', en: 'Question "{questionEn}": a choice question needs options, and other questions take none',
  },
  'patrol.optionTwice': { status: 400, zh: '问题“{questionZh}”的选项“{option}”出现了两次', en: 'Question "{questionEn}" lists the option "{option}" twice' },
  'patrol.transferQuestionUnknown': {
    status: 400, zh: '有一条移交条件引用的问题（{question}）不在检查单中，请选择检查单中的问题', en: 'A transfer condition refers to a question ({question}) that is not in the checklist; choose one of the checklist',
  },
  'patrol.transferNotDecidable': {
    status: 400, zh: '移交条件只能基于“是/否”或“单选”题，问题“{questionZh}”不是', en: 'A transfer condition can only rest on a yes/no or choice question; "{questionEn}" is neither',
  },
  'patrol.transferAnswerUnknown': {
    status: 400, zh: '移交条件中问题“{questionZh}”的答案“{answer}”不是该题的可选答案', en: 'The transfer condition on "{questionEn}" names the answer "{answer}", which that question cannot have',
  },
  'patrol.categoryUnknown': {
    status: 400, zh: '移交条件中的事件类别“{category}”不存在或已停用', en: 'The transfer condition names the case category "{category}", which does not exist or is retired',
  },
})
