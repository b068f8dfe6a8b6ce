export function ProfileLink({ user }) {
  const website = user.website;
  return (
    <a href={website} rel="noopener noreferrer">
      {user.name}
    </a>
  );
}
