// The meetings and actions API's handlers (the routes and shapes are in meeting-contract.ts): meetings,
// attendance, the agenda, minutes and decisions; actions. A change answers with the meeting as it now
// is. Scope is checked in the domain verbs.
import { newRouter } from '../http.ts';
import { createAction, editAction, listActions } from './actions.ts';
import { addAgendaItem, draftAgenda, recordDecision, recordMinutes, saveAgenda } from './agenda.ts';
import {
  addAgendaItemRoute,
  createActionRoute,
  createMeetingRoute,
  deleteMeetingRoute,
  draftAgendaRoute,
  editActionRoute,
  editMeetingRoute,
  listActionsRoute,
  listMeetingsRoute,
  meetingRoute,
  recordDecisionRoute,
  recordMinutesRoute,
  saveAgendaRoute,
  setAttendeesRoute,
} from './meeting-contract.ts';
import {
  createMeeting,
  deleteMeeting,
  editMeeting,
  listMeetings,
  meetingDetail,
  setAttendees,
} from './meetings.ts';
import { readOutbox } from './outbox.ts';
import { outboxRoute, remindersRoute } from './reminder-contract.ts';
import { myReminders } from './reminders.ts';

export const meetingRoutes = newRouter()
  .openapi(remindersRoute, async (c) => c.json(await myReminders(c.var.context), 200))
  .openapi(outboxRoute, async (c) => c.json(await readOutbox(c.var.context, c.req.valid('query').page), 200))
  .openapi(listMeetingsRoute, async (c) =>
    c.json({ meetings: await listMeetings(c.var.context, c.req.valid('query')) }, 200),
  )
  .openapi(createMeetingRoute, async (c) => {
    const id = await createMeeting(c.var.context, c.req.valid('json'));
    return c.json(await meetingDetail(c.var.context, id), 201);
  })
  .openapi(meetingRoute, async (c) =>
    c.json(await meetingDetail(c.var.context, c.req.valid('param').id), 200),
  )
  .openapi(editMeetingRoute, async (c) => {
    const { id } = c.req.valid('param');
    await editMeeting(c.var.context, id, c.req.valid('json'));
    return c.json(await meetingDetail(c.var.context, id), 200);
  })
  .openapi(deleteMeetingRoute, async (c) => {
    await deleteMeeting(c.var.context, c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(setAttendeesRoute, async (c) => {
    const { id } = c.req.valid('param');
    await setAttendees(c.var.context, id, c.req.valid('json').attendees);
    return c.json(await meetingDetail(c.var.context, id), 200);
  })
  .openapi(draftAgendaRoute, async (c) => {
    const { id } = c.req.valid('param');
    await draftAgenda(c.var.context, id);
    return c.json(await meetingDetail(c.var.context, id), 200);
  })
  .openapi(saveAgendaRoute, async (c) => {
    const { id } = c.req.valid('param');
    await saveAgenda(c.var.context, id, c.req.valid('json').items);
    return c.json(await meetingDetail(c.var.context, id), 200);
  })
  .openapi(addAgendaItemRoute, async (c) => {
    const { id } = c.req.valid('param');
    await addAgendaItem(c.var.context, id, c.req.valid('json'));
    return c.json(await meetingDetail(c.var.context, id), 200);
  })
  .openapi(recordMinutesRoute, async (c) => {
    const { id, item } = c.req.valid('param');
    await recordMinutes(c.var.context, id, item, c.req.valid('json').minutes);
    return c.json(await meetingDetail(c.var.context, id), 200);
  })
  .openapi(recordDecisionRoute, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    await recordDecision(c.var.context, id, body.agenda_item_id, body.text);
    return c.json(await meetingDetail(c.var.context, id), 200);
  })
  .openapi(listActionsRoute, async (c) => {
    const q = c.req.valid('query');
    return c.json({ actions: await listActions(c.var.context, { ...q, mine: q.mine === 'true' }) }, 200);
  })
  .openapi(createActionRoute, async (c) =>
    c.json({ id: await createAction(c.var.context, c.req.valid('json')) }, 201),
  )
  .openapi(editActionRoute, async (c) => {
    await editAction(c.var.context, c.req.valid('param').id, c.req.valid('json'));
    return c.body(null, 204);
  });
