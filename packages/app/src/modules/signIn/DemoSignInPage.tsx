import {
  Content,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
  WarningPanel,
} from '@backstage/core-components';
import {
  ConfigApi,
  configApiRef,
  IdentityApi,
  useApi,
} from '@backstage/core-plugin-api';
import { SignInPageProps } from '@backstage/plugin-app-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';

/** Must match DEMO_USER_HEADER in the backend's demo auth provider. */
const DEMO_USER_HEADER = 'x-meshwork-demo-user';
const STORAGE_KEY = 'meshwork:demo-user';

type DemoUser = { name: string; title?: string; description?: string };

function readDemoUsers(config: ConfigApi): DemoUser[] {
  return (
    config.getOptionalConfigArray('auth.providers.demo.development.users') ?? []
  ).map(
    (user): DemoUser => ({
      name: user.getString('name'),
      title: user.getOptionalString('title'),
      description: user.getOptionalString('description'),
    }),
  );
}

/** Forgets the chosen user on sign-out so the picker shows again. */
function forgetOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      window.localStorage.removeItem(STORAGE_KEY);
      await identity.signOut();
    },
  };
}

type UserPickerProps = {
  users: DemoUser[];
  error?: Error;
  onPick: (userName: string) => void;
};

const UserPicker = ({ users, error, onPick }: UserPickerProps) => (
  <Page themeId="home">
    <Header title="Meshwork" subtitle="Sign in as a demo user" />
    <Content>
      {error && (
        <WarningPanel severity="error" title="Sign-in failed">
          {error.message}
        </WarningPanel>
      )}
      {users.length === 0 && (
        <Typography>
          No demo users are configured (auth.providers.demo.development.users).
        </Typography>
      )}
      <Grid container spacing={3}>
        {users.map(user => (
          <Grid item xs={12} sm={6} md={3} key={user.name}>
            <InfoCard title={user.title ?? user.name}>
              <Typography variant="body2" paragraph>
                {user.description}
              </Typography>
              <Button
                variant="contained"
                color="primary"
                aria-label={`Sign in as ${user.name}`}
                onClick={() => onPick(user.name)}
              >
                Sign in
              </Button>
            </InfoCard>
          </Grid>
        ))}
      </Grid>
    </Content>
  </Page>
);

/**
 * Development sign-in: one button per demo user, each signing in through the
 * backend's `demo` proxy provider as that user's catalog entity. The choice is
 * remembered across reloads until sign-out; a failed sign-in returns to the
 * picker with the reason.
 */
export const DemoSignInPage = (props: SignInPageProps) => {
  const users = readDemoUsers(useApi(configApiRef));
  const [chosen, setChosen] = useState<string | undefined>(() => {
    const remembered = window.localStorage.getItem(STORAGE_KEY) ?? undefined;
    return users.some(user => user.name === remembered)
      ? remembered
      : undefined;
  });
  // A retry for the same user must remount the sign-in, hence the counter.
  const [attempt, setAttempt] = useState(0);
  const pick = (userName: string) => {
    setChosen(userName);
    setAttempt(n => n + 1);
  };

  if (!chosen) {
    return <UserPicker users={users} onPick={pick} />;
  }
  return (
    <ProxiedSignInPage
      key={`${chosen}#${attempt}`}
      provider="demo"
      headers={{ [DEMO_USER_HEADER]: chosen }}
      onSignInSuccess={identity => {
        window.localStorage.setItem(STORAGE_KEY, chosen);
        props.onSignInSuccess(forgetOnSignOut(identity));
      }}
      ErrorComponent={({ error: signInError }) => (
        <UserPicker users={users} error={signInError} onPick={pick} />
      )}
    />
  );
};
