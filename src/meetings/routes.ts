// The meetings capability's HTTP API: challenges (challenge-routes.ts) and meetings with actions
// (meeting-routes.ts), mounted together.
import { newRouter } from '../http.ts';
import { challengeRoutes } from './challenge-routes.ts';
import { meetingRoutes } from './meeting-routes.ts';

export const meetingsRoutes = newRouter().route('/', challengeRoutes).route('/', meetingRoutes);
