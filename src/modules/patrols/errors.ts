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
  'patrol.findingUnknown': { status: 404, zh: '巡查记录 {id} 不存在', en: 'There is no finding {id}' },
  'patrol.taskUnknown': { status: 404, zh: '巡查任务 {id} 不存在', en: 'There is no patrol task {id}' },
  'patrol.taskClosed': {
    status: 409, zh: '该巡查任务已由 {by} 于 {at} 完成，不能再次提交', en: 'This patrol task was already completed by {by} at {at}; it cannot be submitted again',
  },
  'patrol.findingReused': {
    status: 409,
    zh: '编号为 {id} 的巡查记录已经提交过且内容不同，未保存。请在手机上将这条记录另存为新记录后再提交',
    en: 'A finding with the id {id} was already submitted with other content; nothing was saved. Save it on the phone as a new finding and send it again',
  },
  'patrol.answerMissing': { status: 400, zh: '请回答“{questionZh}”', en: 'Answer “{questionEn}”' },
  'patrol.answerInvalid': { status: 400, zh: '“{questionZh}”的回答“{answer}”不符合题型', en: 'The answer “{answer}” does not fit the question “{questionEn}”' },
  'patrol.answerUnknown': { status: 400, zh: '回答了检查单中没有的问题（{question}），请更新手机上的巡查事项后重新填写', en: 'An answer names a question that is not in the checklist ({question}); refresh the patrol items on the phone and fill it in again' },
  'patrol.photosMissing': { status: 400, zh: '该巡查事项至少需要 {required} 张照片，现有 {given} 张', en: 'This patrol item needs at least {required} photos; {given} were sent' },
  'patrol.photoUnknown': {
    status: 400, zh: '照片（{sha256}…）尚未上传到服务器，请先上传照片再提交巡查记录', en: 'A photo ({sha256}…) has not reached the server; upload the photos before the finding',
  },
})
